/** Identity providers Roster recognises in request headers (SPEC §6). */
export type IdentityProvider = 'okta' | 'entra' | 'jumpcloud' | 'onelogin' | 'unknown';

export interface IdpHeaders {
  userAgent?: string | string[];
  /** Microsoft Entra ID sends `ADSCIMVersion` on every provisioning request. */
  adScimVersion?: string | string[];
}

const USER_AGENT_SIGNATURES: readonly (readonly [RegExp, IdentityProvider])[] = [
  [/\bokta\b/i, 'okta'],
  [/\bjumpcloud\b/i, 'jumpcloud'],
  [/\bonelogin\b/i, 'onelogin'],
  [/microsoft|azure\s*ad|\baad\b|entra/i, 'entra'],
];

/**
 * Which IdP sent a request, for the provisioning log only: Roster never branches behaviour on it
 * (SPEC §6), because tolerant parsing serves every IdP.
 */
export function detectIdp(headers: IdpHeaders): IdentityProvider {
  if (firstValue(headers.adScimVersion)) return 'entra';
  const userAgent = firstValue(headers.userAgent);
  if (!userAgent) return 'unknown';
  return USER_AGENT_SIGNATURES.find(([signature]) => signature.test(userAgent))?.[1] ?? 'unknown';
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.trim() || undefined;
}
