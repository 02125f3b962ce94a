import { readFile, writeFile } from 'node:fs/promises';
import { verifyEventLog, type AnchoredHead, type EventStore, type VerificationReport } from '#event-store';

export interface VerifyOptions {
  /** JSON Lines of `{ stream, revision, hash }` exported earlier (`--write-heads`). */
  readonly heads?: string;
  /** Where to write the current heads, to keep outside the database. */
  readonly writeHeads?: string;
}

/**
 * Recomputes every hash chain of the log, optionally against heads anchored earlier, and
 * optionally writes today's heads for the next check. Heads of broken streams are not
 * written: anchoring a tampered head would bless it.
 */
export async function verifyLog(store: EventStore, options: VerifyOptions): Promise<VerificationReport> {
  const heads = options.heads === undefined ? [] : parseHeads(await readFile(options.heads, 'utf8'), options.heads);
  const { report, verifier } = await verifyEventLog(store, heads);
  if (options.writeHeads !== undefined) {
    const lines = [...verifier.currentHeads()].map((head) => JSON.stringify(head));
    await writeFile(options.writeHeads, lines.length === 0 ? '' : `${lines.join('\n')}\n`, { mode: 0o644 });
  }
  return report;
}

export function parseHeads(text: string, source: string): AnchoredHead[] {
  return text
    .split('\n')
    .map((line, index) => [line.trim(), index + 1] as const)
    .filter(([line]) => line.length > 0)
    .map(([line, number]) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`${source}:${number}: not JSON`);
      }
      const { stream, revision, hash } = (parsed ?? {}) as Record<string, unknown>;
      if (typeof stream !== 'string' || typeof revision !== 'string' || !/^\d+$/.test(revision) || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
        throw new Error(`${source}:${number}: expected {"stream","revision","hash"}`);
      }
      return { stream, revision, hash };
    });
}
