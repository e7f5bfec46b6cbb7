/**
 * NATS request/reply patterns served by membership (DESIGN.md §3). Versioned: a breaking change to a
 * payload gets a new pattern, so gateways and membership replicas of different releases can coexist.
 */
export const MembershipPatterns = Object.freeze({
  health: 'membership.health.v1',

  organizationsCreate: 'membership.organizations.create.v1',
  organizationsGet: 'membership.organizations.get.v1',
  organizationsScimUpdate: 'membership.organizations.scim-update.v1',
  scimKeysIssue: 'membership.scim-keys.issue.v1',
  /** The gateway's view of an organization's SCIM credentials: enabled flag and key digests. */
  scimCredentials: 'membership.scim-keys.credentials.v1',
  /** Fire-and-forget (event): a key was used; membership records last-used, throttled. */
  scimKeyUsed: 'membership.scim-keys.used.v1',
  organizationsRename: 'membership.organizations.rename.v1',
  organizationsList: 'membership.organizations.list.v1',
  /** Removes the organization and everything in it; cancels its unsent email. */
  organizationsDelete: 'membership.organizations.delete.v1',
  scimKeysList: 'membership.scim-keys.list.v1',
  scimKeysRotate: 'membership.scim-keys.rotate.v1',
  scimKeysRevoke: 'membership.scim-keys.revoke.v1',
  /** A batch of SCIM requests the gateway served (request/reply: the gateway retries until stored). */
  provisioningLogRecord: 'membership.provisioning-log.record.v1',
  provisioningLogQuery: 'membership.provisioning-log.query.v1',

  membersList: 'membership.members.list.v1',

  usersCreate: 'membership.users.create.v1',
  usersGet: 'membership.users.get.v1',
  usersQuery: 'membership.users.query.v1',
  usersReplace: 'membership.users.replace.v1',
  usersDelete: 'membership.users.delete.v1',

  groupsCreate: 'membership.groups.create.v1',
  groupsGet: 'membership.groups.get.v1',
  groupsQuery: 'membership.groups.query.v1',
  /** Every PUT and PATCH of a group, as set operations (GroupChange). */
  groupsUpdate: 'membership.groups.update.v1',
  groupsDelete: 'membership.groups.delete.v1',
  /** Members of some groups, a bounded page at a time. */
  groupsMembers: 'membership.groups.members.v1',
  /** The admin's view: every group of an organization. */
  groupsList: 'membership.groups.list.v1',

  /** The accept page: is this issue of the invitation still open, and for whom (InvitationClaimRequest). */
  invitationsInspect: 'membership.invitations.inspect.v1',
  /** Accepts an invitation exactly once: Invited → Accepted (or Confirmed when the organization auto-confirms). */
  invitationsAccept: 'membership.invitations.accept.v1',
  /** An admin re-sends an Invited member's invitation: a new nonce, so older links die. */
  invitationsResend: 'membership.invitations.resend.v1',
  /** An admin confirms an Accepted member (→ Confirmed). */
  membersConfirm: 'membership.members.confirm.v1',
  organizationSettingsGet: 'membership.organizations.settings.get.v1',
  organizationSettingsUpdate: 'membership.organizations.settings.update.v1',
} as const);
export type MembershipPattern = (typeof MembershipPatterns)[keyof typeof MembershipPatterns];
