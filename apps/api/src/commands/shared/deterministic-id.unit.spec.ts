import { deterministicUuid, sha256Hex } from './deterministic-id.js';
import { isValidId } from '#domain';

describe('deterministic ids', () => {
  const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('derives the same RFC 9562 version 8 UUID from the same parts', () => {
    const id = deterministicUuid('event', 'key-1', 'ledger-lam-binh', '0');
    expect(id).toMatch(UUID_V8);
    expect(deterministicUuid('event', 'key-1', 'ledger-lam-binh', '0')).toBe(id);
    expect(isValidId(id)).toBe(true);
  });

  it('tells the parts apart', () => {
    const ids = new Set([
      deterministicUuid('event', 'key-1', 'ledger-lam-binh', '0'),
      deterministicUuid('event', 'key-1', 'ledger-lam-binh', '1'),
      deterministicUuid('event', 'key-1', 'ledger-lam', 'binh', '0'),
      deterministicUuid('event', 'key-2', 'ledger-lam-binh', '0'),
      deterministicUuid('generated-id', 'key-1'),
    ]);
    expect(ids.size).toBe(5);
  });

  it('hashes text with SHA-256', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
