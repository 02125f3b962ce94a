import type { EventStore } from '../event-store.port.js';
import { ChainVerifier, type AnchoredHead, type VerificationReport } from './chain-verifier.js';

const PAGE = 5000;

/** Reads the whole log in order, page by page, through a ChainVerifier. */
export async function verifyEventLog(
  store: Pick<EventStore, 'readAll'>,
  heads: readonly AnchoredHead[] = [],
): Promise<{ report: VerificationReport; verifier: ChainVerifier }> {
  const verifier = new ChainVerifier(heads);
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, limit: PAGE });
    for (const event of page) verifier.add(event);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.checkpoint;
  }
  return { report: verifier.report(), verifier };
}
