import type { KnownFailure } from './assertion-verdict';

/**
 * Assertions of the third-party suites that Roster fails on purpose, because the suite expects
 * something the RFCs forbid or do not require. Each names the clause. A failure caused by Roster is
 * fixed in Roster, never listed here; an entry that starts passing must be removed (the tests check).
 */
export const KNOWN_FAILURES: Record<'microsoftPostman' | 'oktaSpec', readonly KnownFailure[]> = {
  microsoftPostman: [
    {
      assertion: 'Group tests / Get group by id / Body contians user',
      rfc: 'RFC 7643 §4.2 and §8.7.1 (Group "members" has the sub-attributes value, $ref and type); §2.4 ("display" is read-only)',
      why:
        'The PATCH before it adds a member as {"displayName": "new User", "value": id} and the test expects ' +
        '"new User" back. `displayName` is no sub-attribute of a member, so Roster ignores it (SPEC §4: unknown ' +
        'attributes are ignored) and reports `display` from the user itself, as a read-only attribute must be.',
    },
  ],
  oktaSpec: [],
};
