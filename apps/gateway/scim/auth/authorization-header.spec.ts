import { bearerCredential } from './authorization-header';

// Protects: every IdP's way of sending the key is read (SPEC §2), and nothing else passes as a key.
describe('bearerCredential', () => {
  it.each<[string, string | string[] | undefined, string | null]>([
    ['Bearer scheme', 'Bearer roster_scim_abc', 'roster_scim_abc'],
    ['lower-case scheme', 'bearer roster_scim_abc', 'roster_scim_abc'],
    ['upper-case scheme', 'BEARER roster_scim_abc', 'roster_scim_abc'],
    ['several spaces and a trailing one', 'Bearer   roster_scim_abc ', 'roster_scim_abc'],
    ['raw key without scheme', 'roster_scim_abc', 'roster_scim_abc'],
    ['no header', undefined, null],
    ['empty header', '', null],
    ['scheme only', 'Bearer', 'Bearer'],
    ['scheme and blank', 'Bearer   ', 'Bearer'],
    ['another scheme with a space', 'Basic dXNlcjpwYXNz', null],
    ['two tokens', 'Bearer a b', null],
    ['repeated header', ['Bearer a', 'Bearer b'], null],
  ])('%s', (_name, header, expected) => {
    expect(bearerCredential(header)).toBe(expected);
  });
});
