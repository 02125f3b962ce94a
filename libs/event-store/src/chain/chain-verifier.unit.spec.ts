import { canonicalJson } from './canonical-json.js';
import { ChainVerifier, type VerifiedEvent } from './chain-verifier.js';
import { chainEvents, chainHash, chainHeadOf, CHAIN_HASH_KEY } from './hash-chain.js';

/** A stream of `count` chained events, as the command executor appends them. */
function chained(stream: string, count: number, from: VerifiedEvent[] = []): VerifiedEvent[] {
  const head = chainHeadOf(from);
  const appended = chainEvents(
    stream,
    head,
    Array.from({ length: count }, (_, i) => ({ eventId: `${stream}-${i}`, type: 'WorkdaysLogged', data: { entryId: `e${from.length + i}`, workdays: i + 1, note: 'Ngày công' }, metadata: { actor: 'can-bo', recordedAt: '2025-06-15T20:30:00.000Z' } })),
  );
  const first = head.revision === 'no_stream' ? 0n : head.revision + 1n;
  return [...from, ...appended.map((event, i) => ({ streamName: stream, revision: first + BigInt(i), type: event.type, data: event.data, metadata: event.metadata }))];
}

function verify(events: readonly VerifiedEvent[], heads = [] as ConstructorParameters<typeof ChainVerifier>[0]) {
  const verifier = new ChainVerifier(heads);
  for (const event of events) verifier.add(event);
  return verifier.report();
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, drops undefined values and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: 'Dân vận' } })).toBe('{"a":{"c":"Dân vận","d":[3,{"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('ChainVerifier', () => {
  const log = [...chained('ledger-qk2', 3), ...chained('award-a1', 2)];

  it('accepts an untouched log and counts streams and events', () => {
    expect(verify(log)).toEqual({ ok: true, streamsChecked: 2, eventsChecked: 5, legacyEvents: 0, brokenStreams: 0, headsChecked: 0 });
  });

  it('names the stream and revision of an altered event', () => {
    const altered = log.map((e) => (e.streamName === 'ledger-qk2' && e.revision === 1n ? { ...e, data: { ...(e.data as object), workdays: 200 } } : e));
    expect(verify(altered)).toMatchObject({ ok: false, brokenStreams: 1, firstBroken: { stream: 'ledger-qk2', revision: '1', reason: expect.stringMatching(/hash/) } });
  });

  it('names a deleted event as the missing revision', () => {
    const deleted = log.filter((e) => !(e.streamName === 'ledger-qk2' && e.revision === 1n));
    expect(verify(deleted).firstBroken).toEqual({ stream: 'ledger-qk2', revision: '1', reason: expect.stringMatching(/missing/) });
  });

  it('detects two events of a stream swapped, revisions and all', () => {
    const [a, b, c] = log;
    expect(verify([a!, c!, b!]).firstBroken).toMatchObject({ stream: 'ledger-qk2', revision: '1' });
    // Revisions rewritten to look in order: the hashes, which cover the revision, disagree.
    expect(verify([a!, { ...c!, revision: 1n }, { ...b!, revision: 2n }]).firstBroken).toMatchObject({ stream: 'ledger-qk2', revision: '1' });
  });

  it('refuses a forged event whose hash was recomputed over its new content but not its successors', () => {
    const forgedData = { entryId: 'e1', workdays: 999, note: 'Ngày công' };
    const [a, b, c] = log;
    const hash = chainHash({ stream: b!.streamName, revision: b!.revision, type: b!.type, data: forgedData, metadata: b!.metadata }, a!.metadata[CHAIN_HASH_KEY] as string);
    const forged = { ...b!, data: forgedData, metadata: { ...b!.metadata, [CHAIN_HASH_KEY]: hash } };
    expect(verify([a!, forged, c!]).firstBroken).toMatchObject({ stream: 'ledger-qk2', revision: '2' });
  });

  it('cannot see a stream rewritten end to end with recomputed hashes, but the anchored heads can', () => {
    const original = chained('award-a1', 2);
    const heads = [{ stream: 'award-a1', revision: '1', hash: original[1]!.metadata[CHAIN_HASH_KEY] as string }];
    const rewritten = chainEvents('award-a1', { revision: 'no_stream', hash: null }, original.map((e) => ({ eventId: 'x', type: e.type, data: { rewritten: true }, metadata: {} })));
    const forgedStream = rewritten.map((e, i) => ({ streamName: 'award-a1', revision: BigInt(i), type: e.type, data: e.data, metadata: e.metadata }));
    expect(verify(forgedStream).ok).toBe(true);
    expect(verify(forgedStream, heads)).toMatchObject({ ok: false, firstBroken: { stream: 'award-a1', revision: '1', reason: expect.stringMatching(/anchored/) } });
    expect(verify(original, heads)).toMatchObject({ ok: true, headsChecked: 1 });
  });

  it('reports a stream deleted whole or truncated against the anchored heads', () => {
    const heads = [
      { stream: 'ledger-qk2', revision: '2', hash: log[2]!.metadata[CHAIN_HASH_KEY] as string },
      { stream: 'award-a1', revision: '1', hash: log[4]!.metadata[CHAIN_HASH_KEY] as string },
    ];
    expect(verify(log.filter((e) => e.streamName !== 'award-a1'), heads).firstBroken).toMatchObject({ stream: 'award-a1', reason: expect.stringMatching(/missing/) });
    expect(verify(log.filter((e) => e.revision < 2n), heads).firstBroken).toMatchObject({ stream: 'ledger-qk2', revision: '2', reason: expect.stringMatching(/ends before/) });
  });

  it('counts unhashed events opening a stream as legacy, and chains what follows them', () => {
    const legacy = [{ streamName: 'ledger-old', revision: 0n, type: 'WorkdaysLogged', data: { entryId: 'e0' }, metadata: { actor: 'anonymous' } }];
    const events = chained('ledger-old', 2, legacy);
    expect(verify(events)).toMatchObject({ ok: true, legacyEvents: 1, eventsChecked: 3 });
  });

  it('refuses an event whose hash was removed after hashed events', () => {
    const [a, b, c] = log;
    const { [CHAIN_HASH_KEY]: _removed, ...metadata } = b!.metadata;
    expect(verify([a!, { ...b!, metadata }, c!]).firstBroken).toMatchObject({ stream: 'ledger-qk2', revision: '1', reason: expect.stringMatching(/no hash/) });
  });

  it('hands out the current heads to anchor elsewhere', () => {
    const verifier = new ChainVerifier();
    for (const event of log) verifier.add(event);
    expect([...verifier.currentHeads()]).toEqual([
      { stream: 'ledger-qk2', revision: '2', hash: log[2]!.metadata[CHAIN_HASH_KEY] },
      { stream: 'award-a1', revision: '1', hash: log[4]!.metadata[CHAIN_HASH_KEY] },
    ]);
  });
});
