import { decodeCursor, encodeCursor } from './cursor.js';

describe('keyset cursors', () => {
  it('round-trip an id, url-safe', () => {
    const cursor = encodeCursor('models', '0b9d6c1e-8f0a-4c7e-9d1b-2a3c4d5e6f70');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('models', cursor)).toBe('0b9d6c1e-8f0a-4c7e-9d1b-2a3c4d5e6f70');
  });

  it.each([
    ['another list', encodeCursor('awards', 'a-01')],
    ['not base64url', 'a+b/c='],
    ['not JSON', Buffer.from('a-01').toString('base64url')],
    ['a JSON array', Buffer.from('["models","a-01"]').toString('base64url')],
    ['an id that is not a slug', Buffer.from('{"k":"models","a":"DROP TABLE"}').toString('base64url')],
    ['empty', ''],
    ['not a string', 42],
  ])('refuse %s', (_case, cursor) => {
    expect(decodeCursor('models', cursor)).toBeUndefined();
  });
});
