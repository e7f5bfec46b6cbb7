/** Every link and redirect of the console, built from PUBLIC_URL only (never from the request's Host). */
export class ConsoleUrls {
  readonly home: string;
  readonly signIn: string;
  readonly signOut: string;
  readonly organizations: string;

  constructor(private readonly publicUrl: string) {
    this.home = `${publicUrl}/admin`;
    this.signIn = `${publicUrl}/admin/login`;
    this.signOut = `${publicUrl}/admin/logout`;
    this.organizations = `${publicUrl}/admin/organizations`;
  }

  /** The origin browsers send in `Origin` on the console's own form posts. */
  get origin(): string {
    return new URL(this.publicUrl).origin;
  }

  /** Path prefix of the session cookie: the console only. */
  get cookiePath(): string {
    return `${new URL(this.publicUrl).pathname.replace(/\/$/, '')}/admin`;
  }

  get secureCookies(): boolean {
    return this.publicUrl.startsWith('https:');
  }

  asset(name: string, version: string): string {
    return `${this.publicUrl}/admin/assets/${name}?v=${version}`;
  }

  organization(id: string, page: OrganizationPage = 'scim'): string {
    return `${this.organizations}/${encodeURIComponent(id)}/${page}`;
  }

  member(organizationId: string, memberId: string, action: 'confirm' | 'resend-invitation'): string {
    return `${this.organization(organizationId, 'members')}/${encodeURIComponent(memberId)}/${action}`;
  }

  scimKey(organizationId: string, keyId: string, action: 'rotate' | 'revoke'): string {
    return `${this.organization(organizationId, 'scim')}/keys/${encodeURIComponent(keyId)}/${action}`;
  }

  scimKeys(organizationId: string): string {
    return `${this.organization(organizationId, 'scim')}/keys`;
  }

  /** A path under the console with a query built from the given parameters (empty ones left out). */
  withQuery(url: string, query: Record<string, string | undefined>): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value) search.set(name, value);
    const text = search.toString();
    return text ? `${url}?${text}` : url;
  }
}

/** The pages of one organization, in the order the navigation lists them. */
export const ORGANIZATION_PAGES = [
  'scim',
  'members',
  'groups',
  'provisioning-log',
  'mail',
  'settings',
] as const;
export type OrganizationPage = (typeof ORGANIZATION_PAGES)[number];
