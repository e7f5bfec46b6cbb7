/**
 * The credential of an `Authorization` header: `Bearer <token>` with any case of "Bearer", or the raw
 * token alone, as some IdPs send it (SPEC §2). Returns null when there is nothing to check.
 */
export function bearerCredential(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const value = header.trim();
  const match = /^bearer\s+(\S+)$/i.exec(value);
  const credential = match ? match[1] : value;
  return credential.length > 0 && !/\s/.test(credential) ? credential : null;
}
