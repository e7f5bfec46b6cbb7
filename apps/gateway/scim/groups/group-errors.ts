import { ScimError } from '@roster/scim';

/** RFC 7644 §3.12 404 naming the id the client asked for (cut short: it is the client's input). */
export function groupNotFound(id: string): ScimError {
  const shown = id.length > 64 ? `${id.slice(0, 64)}…` : id;
  return new ScimError(404, `Group ${shown} not found.`);
}

/** RFC 7644 §3.14: If-Match names a version the group no longer has. */
export function groupPreconditionFailed(id: string): ScimError {
  return new ScimError(412, `Group ${id} has changed: its version does not match If-Match.`);
}

/** SPEC §5: displayName is unique per organization, case-insensitively; 409 uniqueness naming it. */
export function displayNameTaken(displayName: string): ScimError {
  const shown = displayName.length > 100 ? `${displayName.slice(0, 100)}…` : displayName;
  return new ScimError(
    409,
    `displayName ${JSON.stringify(shown)} is already taken by another group in this organization (names compare case-insensitively).`,
    'uniqueness',
  );
}
