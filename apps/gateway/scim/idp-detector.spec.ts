import { detectIdp, type IdentityProvider, type IdpHeaders } from './idp-detector';

// Protects: the provisioning log names the IdP from its headers alone, with no per-IdP setting.
describe('detectIdp', () => {
  const cases: [string, IdpHeaders, IdentityProvider][] = [
    ['Okta SCIM client', { userAgent: 'Okta SCIM Client 1.0.0' }, 'okta'],
    ['Okta in lower case', { userAgent: 'okta/2024.05.0' }, 'okta'],
    ['Entra by ADSCIMVersion', { userAgent: 'Go-http-client/1.1', adScimVersion: '2.0' }, 'entra'],
    ['Entra by user agent', { userAgent: 'Microsoft.Identity.Provisioning/1.0' }, 'entra'],
    ['Azure AD user agent', { userAgent: 'Azure AD SCIM client' }, 'entra'],
    ['JumpCloud', { userAgent: 'JumpCloud SCIM Client/1.0' }, 'jumpcloud'],
    ['OneLogin', { userAgent: 'OneLogin SCIM' }, 'onelogin'],
    ['repeated header: first value counts', { userAgent: ['Okta SCIM Client', 'curl/8'] }, 'okta'],
    ['blank ADSCIMVersion is ignored', { userAgent: 'curl/8.5.0', adScimVersion: '  ' }, 'unknown'],
    ['curl', { userAgent: 'curl/8.5.0' }, 'unknown'],
    ['no headers', {}, 'unknown'],
    ['"aadOptscim" in a user agent is not a word match', { userAgent: 'aadOptscim062020' }, 'unknown'],
  ];

  it.each(cases)('%s', (_name, headers, expected) => {
    expect(detectIdp(headers)).toBe(expected);
  });
});
