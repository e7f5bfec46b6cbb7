/** Absolute SCIM URLs (SPEC §1, §3): `location`, `Location` and the SCIM URL admins give their IdP. */
export class ScimUrls {
  constructor(private readonly publicUrl: string) {}

  /** `PUBLIC_URL/scim/v2/{organizationId}`: the base every resource URL of the organization is under. */
  organizationBase(organizationId: string): string {
    return `${this.publicUrl}/scim/v2/${organizationId}`;
  }

  user(organizationId: string, userId: string): string {
    return `${this.organizationBase(organizationId)}/Users/${userId}`;
  }
}
