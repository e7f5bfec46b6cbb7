import type { UserWrite } from '../../contracts/membership/users';
import { ScimError } from '../errors';
import { sameName } from '../schema/find-attribute';
import { USER_SCHEMA } from '../schema/urns';
import { type IgnoredNames, invalidValue, isPlainObject, isUnassigned } from './attribute-values';
import { memberEmail } from './member-email';
import { knownUserSchema, normaliseUserAttributes } from './user-attributes';

/** A User body mapped for membership, and the unknown attributes and schemas it dropped (to log). */
export interface UserWriteMapping {
  write: UserWrite;
  ignored: string[];
}

// The contract's @MaxLength limits, checked here so an oversized value is a SCIM 400, not a failed RPC.
const MAX_LENGTH = {
  userName: 512,
  externalId: 512,
  email: 320,
  displayName: 512,
  givenName: 512,
  familyName: 512,
};

/**
 * RFC 7643 §4.1/§4.3 and RFC 7644 §3.3 (POST) / §3.5.1 (PUT), SPEC §4: a SCIM User body as a
 * `UserWrite`. `userName` is required; attributes are kept as sent under canonical names (see
 * `normaliseUserAttributes`); `active` is undefined when absent, so membership applies the create
 * default (true) or the replace default (unchanged). Both modes validate alike: PUT clears what it
 * leaves out, and that is what a full write from the body says.
 */
export function userResourceToWrite(body: unknown, mode: 'create' | 'replace'): UserWriteMapping {
  if (!isPlainObject(body)) {
    throw ScimError.badRequest(
      'invalidSyntax',
      `The ${describeMode(mode)} body must be a JSON object (a SCIM User).`,
    );
  }
  const ignored: IgnoredNames = [];
  checkSchemas(body, ignored);
  const attributes = normaliseUserAttributes(body, ignored);

  const active = attributes.active as boolean | undefined;
  delete attributes.active; // membership reports `active` from the member's status
  const userName = attributes.userName;
  if (typeof userName !== 'string' || userName.trim() === '') {
    throw invalidValue('userName', 'is required and must be a non-empty string');
  }
  const name = isPlainObject(attributes.name) ? attributes.name : {};
  const write: UserWrite = {
    userName: limited('userName', userName),
    externalId: limited('externalId', stringOrNull(attributes.externalId)),
    email: limited('email', memberEmail(userName, attributes.emails)),
    displayName: limited('displayName', stringOrNull(attributes.displayName)),
    givenName: limited('givenName', stringOrNull(name.givenName)),
    familyName: limited('familyName', stringOrNull(name.familyName)),
    attributes,
  };
  if (active !== undefined) write.active = active;
  return { write, ignored: [...new Set(ignored)] };
}

// RFC 7643 §3 requires `schemas`; a body without it loses no meaning on /Users, so it is accepted.
// When present it must name the core User schema: a Group body sent to /Users is a client mistake.
function checkSchemas(body: Record<string, unknown>, ignored: IgnoredNames): void {
  const key = Object.keys(body).find((candidate) => sameName(candidate, 'schemas'));
  const value = key === undefined ? undefined : body[key];
  if (isUnassigned(value)) return;
  const urns = Array.isArray(value) ? value : [value];
  if (!urns.every((urn): urn is string => typeof urn === 'string')) {
    throw ScimError.badRequest('invalidSyntax', "Attribute 'schemas' must be a list of schema URNs.");
  }
  if (!urns.some((urn) => sameName(urn, USER_SCHEMA))) {
    throw ScimError.badRequest('invalidSyntax', `Attribute 'schemas' must include ${USER_SCHEMA}.`);
  }
  for (const urn of urns) if (knownUserSchema(urn) === undefined) ignored.push(urn);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function limited<T extends string | null>(field: keyof typeof MAX_LENGTH, value: T): T {
  if (value !== null && value.length > MAX_LENGTH[field]) {
    const label =
      field === 'email'
        ? 'emails'
        : field === 'givenName' || field === 'familyName'
          ? `name.${field}`
          : field;
    throw invalidValue(label, `is longer than ${MAX_LENGTH[field]} characters`);
  }
  return value;
}

function describeMode(mode: 'create' | 'replace'): string {
  return mode === 'create' ? 'POST' : 'PUT';
}
