import type { EventStore } from '../event-store.port.js';
import { scanCommittedLog } from '../scan-committed-log.js';
import { ChainVerifier, type AnchoredHead, type VerificationReport } from './chain-verifier.js';

/** Reads the whole log in order through a ChainVerifier. */
export async function verifyEventLog(
  store: Pick<EventStore, 'readAll' | 'awaitCommittedReadable'>,
  heads: readonly AnchoredHead[] = [],
): Promise<{ report: VerificationReport; verifier: ChainVerifier }> {
  const verifier = new ChainVerifier(heads);
  for await (const event of scanCommittedLog(store)) verifier.add(event);
  return { report: verifier.report(), verifier };
}
