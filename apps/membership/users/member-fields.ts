import type { UserWrite } from '@roster/contracts';
import { canonicalUserName } from '../../../libs/scim/canonical';
import type { Member } from '../database/entities';
import type { JsonObject } from '../database/json';

/** The stored fields a user write sets: all of them, as PUT replaces the resource (SPEC §4). */
export interface MemberFields {
  userName: string;
  userNameCanonical: string;
  email: string | null;
  externalId: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  attributes: JsonObject;
}

const FIELD_NAMES: readonly (keyof MemberFields)[] = [
  'userName',
  'userNameCanonical',
  'email',
  'externalId',
  'displayName',
  'givenName',
  'familyName',
  'attributes',
];

// Never stored, whatever a caller sends (SPEC §4); `active` is the status, not an attribute.
const NEVER_STORED = ['password', 'active'];

export function memberFieldsOf(write: UserWrite): MemberFields {
  // Parsed from a JSON message, so JSON all the way down.
  const attributes = { ...write.attributes } as JsonObject;
  for (const name of NEVER_STORED) delete attributes[name];
  return {
    userName: write.userName,
    // The one canonicaliser (libs/scim), also applied to userName filter operands.
    userNameCanonical: canonicalUserName(write.userName),
    email: normaliseEmail(write.email),
    externalId: write.externalId ?? null,
    displayName: write.displayName ?? null,
    givenName: write.givenName ?? null,
    familyName: write.familyName ?? null,
    attributes,
  };
}

/** SPEC §4: the email is stored lower-cased; blank is none. */
function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/** Names of the fields whose stored value differs from `fields`. */
export function changedFields(member: Member, fields: MemberFields): (keyof MemberFields)[] {
  return FIELD_NAMES.filter((name) =>
    name === 'attributes' ? !sameJson(member.attributes, fields.attributes) : member[name] !== fields[name],
  );
}

/** JSON equality where object key order does not matter (as for jsonb) and array order does. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && sameJson(left[key], right[key]))
  );
}
