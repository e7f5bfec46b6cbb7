import type { OrganizationRecord, ScimKeyRecord } from '@roster/contracts';
import type { Organization, ScimApiKey } from '../database/entities';

export function toOrganizationRecord(organization: Organization): OrganizationRecord {
  return {
    id: organization.id,
    name: organization.name,
    scimEnabled: organization.scimEnabled,
    createdAt: organization.createdAt.toISOString(),
  };
}

/** A key as admins see it: never the digest. */
export function toScimKeyRecord(key: ScimApiKey): ScimKeyRecord {
  return {
    id: key.id,
    organizationId: key.organizationId,
    displayPrefix: key.displayPrefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
