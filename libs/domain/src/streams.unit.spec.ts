import {
  awardStream,
  ledgerStream,
  modelStream,
  parseStreamName,
  phaseStream,
  streamCategory,
  unitStream,
} from './streams.js';

describe('streams', () => {
  it('names streams {category}-{id}', () => {
    expect(unitStream('tuyen-quang')).toBe('unit-tuyen-quang');
    expect(phaseStream('2021-2025')).toBe('phase-2021-2025');
    expect(modelStream('m-1')).toBe('model-m-1');
    expect(awardStream('a-1')).toBe('award-a-1');
    expect(ledgerStream('lam-binh')).toBe('ledger-lam-binh');
  });

  it('reads the category and the id back (ids may contain hyphens)', () => {
    expect(streamCategory('phase-2021-2025')).toBe('phase');
    expect(parseStreamName('ledger-lam-binh')).toStrictEqual({ category: 'ledger', id: 'lam-binh' });
    expect(streamCategory('award-a-1')).toBe('award');
  });

  it('answers undefined for a name that is not a domain stream', () => {
    expect(streamCategory('orders-1')).toBeUndefined();
    expect(streamCategory('unit')).toBeUndefined();
    expect(streamCategory('unit-')).toBeUndefined();
    expect(streamCategory('-unit')).toBeUndefined();
  });
});
