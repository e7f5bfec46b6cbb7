import { Injectable } from '@nestjs/common';
import type {
  IssueScimKeyRequest,
  OrganizationRef,
  ScimCredentials,
  ScimKeyRecord,
  ScimKeyUsedEvent,
} from '@roster/contracts';
import { AuditLog } from '../audit/audit-log';
import { ScimApiKey } from '../database/entities';
import { Transactions } from '../database/transactions';
import { Clock } from '../domain/clock';
import { DomainError } from '../domain/domain-error';
import { newId } from '../domain/identifiers';
import { toScimKeyRecord } from '../organizations/organization.mapper';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { ScimKeysRepository } from './scim-keys.repository';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * SCIM API keys as membership knows them (SPEC §1): digests only. The gateway mints the key, shows
 * it once and sends the digest here; it asks for the digests when it authenticates a request.
 */
@Injectable()
export class ScimKeysService {
  constructor(
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationsRepository,
    private readonly keys: ScimKeysRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async issue(request: IssueScimKeyRequest): Promise<ScimKeyRecord> {
    if (!SHA256_HEX.test(request.digest)) {
      throw DomainError.invalid('digest', 'The key digest must be a lower-case hex SHA-256.');
    }
    return this.transactions.run(async (tx) => {
      const organization = await this.organizations.find(tx, request.organizationId);
      if (!organization) throw DomainError.notFound('Organization', 'organizationId');

      const key = Object.assign(new ScimApiKey(), {
        id: newId(),
        organizationId: organization.id,
        displayPrefix: request.displayPrefix,
        digest: request.digest,
        createdAt: this.clock.now(),
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
      });
      await this.keys.insert(tx, key);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'admin',
        action: 'scim_api_key.issued',
        resourceType: 'scim_api_key',
        resourceId: key.id,
        data: { displayPrefix: key.displayPrefix },
      });
      return toScimKeyRecord(key);
    });
  }

  /**
   * What the gateway compares a presented key with. An unknown organization looks exactly like one
   * with SCIM disabled, so the gateway cannot answer the two differently (SPEC §2).
   */
  async credentials(request: OrganizationRef): Promise<ScimCredentials> {
    const db = this.transactions.manager;
    const organization = await this.organizations.find(db, request.organizationId);
    if (!organization?.scimEnabled) return { enabled: false, keys: [] };
    return { enabled: true, keys: await this.keys.usableDigests(db, organization.id, this.clock.now()) };
  }

  async recordUse(event: ScimKeyUsedEvent): Promise<void> {
    const now = this.clock.now();
    const reported = event.at === undefined ? undefined : new Date(event.at);
    // Trust the gateway's time of use, but never a future or unreadable one.
    const at = reported && !Number.isNaN(reported.getTime()) && reported <= now ? reported : now;
    await this.keys.recordUse(this.transactions.manager, event.organizationId, event.keyId, at);
  }
}
