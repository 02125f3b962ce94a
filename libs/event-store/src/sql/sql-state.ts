/** Whether `error` is a failed statement of node-postgres (or PGlite) with this SQLSTATE. */
export function hasSqlState(error: unknown, state: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === state;
}
