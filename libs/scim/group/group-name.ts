import { canonicalUserName } from '../canonical';

/**
 * The comparison key of a group's `displayName` (SPEC §5: unique per organization, case-insensitively;
 * Entra matches groups by it). The same mapping as userName — RFC 8265 UsernameCaseMapped: width
 * mapping, lower case, NFC — so `Admins`, `ADMINS` and full-width `Ａｄｍｉｎｓ` are one name. Membership
 * stores it in `display_name_canonical` and applies it to displayName filter operands alike.
 */
export function canonicalGroupName(displayName: string): string {
  return canonicalUserName(displayName);
}
