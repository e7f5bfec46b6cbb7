import { DomainError } from '../domain/domain-error';
import { isId } from '../domain/identifiers';

/**
 * The position after the last row of a page, for keyset pagination on (timestamp, id): opaque to
 * clients, stable under concurrent inserts, and served by an index instead of an OFFSET scan.
 */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

/** Reads a cursor this service issued; anything else is the client's mistake, named as such. */
export function decodeKeysetCursor(cursor: string): KeysetPosition {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (rest.length > 0 || !id || !isId(id) || Number.isNaN(date.getTime())) {
    throw DomainError.invalid('cursor', 'The cursor is not one this API returned; start again without it.');
  }
  return { at: date, id };
}
