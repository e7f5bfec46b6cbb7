import { DomainErrorCode } from '@roster/contracts';
import { ScimError } from '@roster/scim';
import { MembershipDomainError } from '../../membership/membership.errors';

/** RFC 7644 §3.12 404 naming the id the client asked for (cut short: it is the client's input). */
export function userNotFound(id: string): ScimError {
  const shown = id.length > 64 ? `${id.slice(0, 64)}…` : id;
  return new ScimError(404, `User ${shown} not found.`);
}

/** RFC 7644 §3.14: If-Match names a version the user no longer has. */
export function userPreconditionFailed(id: string): ScimError {
  return new ScimError(412, `User ${id} has changed: its version does not match If-Match.`);
}

/** SPEC §4: a duplicate userName is 409 uniqueness naming the attribute and the client's own value. */
export function userNameTaken(userName: string): ScimError {
  return new ScimError(
    409,
    `userName ${JSON.stringify(userName)} is already taken in this organization.`,
    'uniqueness',
  );
}

/** A PATCH that kept losing the race against concurrent writes to the same user. */
export function userChangingConcurrently(id: string): ScimError {
  return new ScimError(409, `User ${id} is being changed by concurrent requests; retry the PATCH.`);
}

export function isVersionMismatch(error: unknown): boolean {
  return error instanceof MembershipDomainError && error.code === DomainErrorCode.versionMismatch;
}
