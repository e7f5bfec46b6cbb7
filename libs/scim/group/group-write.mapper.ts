import type { GroupChange, GroupWrite } from '../../contracts/membership/groups';
import { ScimError } from '../errors';
import { findAttribute, sameName } from '../schema/find-attribute';
import { GROUP_RESOURCE } from '../schema/resource-schemas';
import { GROUP_SCHEMA } from '../schema/urns';
import { describeValue } from '../booleans';
import { invalidValue, isPlainObject, isUnassigned } from '../user/attribute-values';
import { readMemberValues } from './group-member-values';

/** A Group body mapped for membership, the member values that are no user id, and unknown names. */
export interface GroupWriteMapping<T> {
  write: T;
  /** Member values that cannot be a user id: skipped, reported as a warning (SPEC §5). */
  skippedMemberValues: string[];
  /** Unknown attributes and schemas that were dropped, for the log. */
  ignored: string[];
}

// The contract's @MaxLength, checked here so that an oversized value is a SCIM 400, not a failed RPC.
const MAX_LENGTH = 512;

/** RFC 7644 §3.3, RFC 7643 §4.2: a POST /Groups body as a new group. `members` absent is no members. */
export function groupResourceToWrite(body: unknown): GroupWriteMapping<GroupWrite> {
  const read = readGroupBody(body, 'POST');
  return {
    write: {
      displayName: read.displayName,
      externalId: read.externalId,
      members: read.members?.ids ?? [],
    },
    skippedMemberValues: read.members?.notIds ?? [],
    ignored: read.ignored,
  };
}

/**
 * RFC 7644 §3.5.1, SPEC §5: a PUT /Groups/{id} body as a change that replaces displayName and
 * externalId (absent clears it) and — only when `members` is present — the member list (`[]` or null
 * clears it; absent leaves it alone, as IdPs PUT a group without its members).
 */
export function groupResourceToReplacement(body: unknown): GroupWriteMapping<GroupChange> {
  const read = readGroupBody(body, 'PUT');
  return {
    write: {
      displayName: read.displayName,
      externalId: read.externalId,
      ...(read.members === undefined ? {} : { replaceMembers: read.members.ids }),
    },
    skippedMemberValues: read.members?.notIds ?? [],
    ignored: read.ignored,
  };
}

interface GroupBody {
  displayName: string;
  externalId: string | null;
  members?: { ids: string[]; notIds: string[] };
  ignored: string[];
}

function readGroupBody(body: unknown, method: 'POST' | 'PUT'): GroupBody {
  if (!isPlainObject(body)) {
    throw ScimError.badRequest('invalidSyntax', `The ${method} body must be a JSON object (a SCIM Group).`);
  }
  const ignored: string[] = [];
  const result: Partial<GroupBody> = { externalId: null, ignored };
  for (const [key, value] of Object.entries(body)) {
    if (sameName(key, 'schemas')) {
      checkSchemas(value);
      continue;
    }
    const found = findAttribute(GROUP_RESOURCE, { attribute: key });
    if (!found) {
      ignored.push(key);
      continue;
    }
    switch (found.attribute.name) {
      case 'displayName':
        result.displayName = displayNameOf(value);
        break;
      case 'externalId':
        result.externalId = externalIdOf(value);
        break;
      case 'members':
        result.members = readMemberValues(value);
        break;
      default:
        // id and meta are the server's (RFC 7643 §3.1): a client echoing them changes nothing.
        break;
    }
  }
  if (result.displayName === undefined) throw invalidValue('displayName', 'is required');
  return result as GroupBody;
}

/** RFC 7643 §4.2: `displayName` is a required, non-empty string. */
export function displayNameOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidValue(
      'displayName',
      `is required and must be a non-empty string, got ${describeValue(value)}`,
    );
  }
  if (value.length > MAX_LENGTH) throw invalidValue('displayName', `is longer than ${MAX_LENGTH} characters`);
  return value;
}

/** RFC 7643 §3.1: `externalId` is the client's string, stored as sent; null or absent clears it. */
export function externalIdOf(value: unknown): string | null {
  if (isUnassigned(value)) return null;
  if (typeof value !== 'string')
    throw invalidValue('externalId', `must be a string, got ${describeValue(value)}`);
  if (value.length > MAX_LENGTH) throw invalidValue('externalId', `is longer than ${MAX_LENGTH} characters`);
  return value;
}

// RFC 7643 §3 requires `schemas`; a body without it loses no meaning on /Groups, so it is accepted.
// When present it must name the core Group schema: a User body sent to /Groups is a client mistake.
function checkSchemas(value: unknown): void {
  if (isUnassigned(value)) return;
  const urns = Array.isArray(value) ? value : [value];
  if (!urns.some((urn) => typeof urn === 'string' && sameName(urn.trim(), GROUP_SCHEMA))) {
    throw ScimError.badRequest('invalidSyntax', `Attribute 'schemas' must include ${GROUP_SCHEMA}.`);
  }
}
