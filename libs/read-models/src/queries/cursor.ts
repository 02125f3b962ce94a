import { isValidId } from '#domain';

/**
 * Opaque keyset cursors: base64url of `{"k": <list>, "a": <last id of the page>}`. The
 * list name stops a cursor of one list from being replayed on another. Since lists are
 * ordered by id alone, a cursor stays valid whatever the filters and whatever was added
 * since: the next page starts strictly after that id.
 */
export type CursorList = 'models' | 'awards';

const BASE64URL = /^[A-Za-z0-9_-]{1,512}$/;

export function encodeCursor(list: CursorList, afterId: string): string {
  return Buffer.from(JSON.stringify({ k: list, a: afterId }), 'utf8').toString('base64url');
}

/** The id a cursor points after; undefined when it is not a cursor of `list`. */
export function decodeCursor(list: CursorList, cursor: unknown): string | undefined {
  if (typeof cursor !== 'string' || !BASE64URL.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { k, a } = parsed as { k?: unknown; a?: unknown };
  return k === list && isValidId(a) ? a : undefined;
}
