/** The lifecycle of a membership (SPEC §4): Invited → Accepted → Confirmed; Revoked keeps the status before it. */
export const MemberStatus = Object.freeze({
  invited: 'invited',
  accepted: 'accepted',
  confirmed: 'confirmed',
  revoked: 'revoked',
} as const);
export type MemberStatus = (typeof MemberStatus)[keyof typeof MemberStatus];
export const MEMBER_STATUSES: readonly MemberStatus[] = Object.values(MemberStatus);
