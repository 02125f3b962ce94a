/** The part of an Express request that names the matched route. */
export interface RoutedRequest {
  readonly method?: string;
  /** Express sets it once a route matched: `{ path: '/v1/awards/:awardId/revocation' }`. */
  readonly route?: { readonly path?: unknown };
}

/**
 * `POST /v1/awards/:awardId/revocation`: the method and the route pattern, the key of the
 * access policy and the "where" of audit records. HEAD is answered by GET routes.
 */
export function routeKeyOf(request: RoutedRequest): string {
  const method = (request.method ?? 'GET').toUpperCase();
  const path = typeof request.route?.path === 'string' ? request.route.path : '(no route)';
  return `${method === 'HEAD' ? 'GET' : method} ${path}`;
}
