import { Injectable } from '@nestjs/common';
import type {
  OrganizationRef,
  RotateScimKeyRequest,
  ScimKeyRecord,
  ScimKeyRef,
  ScimKeyRotation,
} from '@roster/contracts';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { MembershipConfig } from '../config/membership.config';
import { ScimApiKey } from '../database/entities';
import { Transactions } from '../database/transactions';
import { Clock } from '../domain/clock';
import { DomainError } from '../domain/domain-error';
import { newId } from '../domain/identifiers';
import { toScimKeyRecord } from '../organizations/organization.mapper';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { ScimKeysRepository } from './scim-keys.repository';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const HOUR_MS = 3_600_000;

/**
 * What an admin does with keys after issuing them (SPEC §1): list them (never a digest), rotate one
 * with an overlap window so the IdP can be updated without a gap, revoke one at once.
 */
@Injectable()
export class ScimKeyLifecycleService {
  constructor(
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationsRepository,
    private readonly keys: ScimKeysRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly config: MembershipConfig,
  ) {}

  async list(request: OrganizationRef): Promise<ScimKeyRecord[]> {
    return this.transactions.read(async (db) => {
      const organization = await this.organizations.find(db, request.organizationId);
      if (!organization) throw DomainError.notFound('Organization', 'organizationId');
      return (await this.keys.list(db, organization.id)).map(toScimKeyRecord);
    });
  }

  /**
   * Adds the new key and gives the old one `expiresAt = now + overlap`. A rotation never lengthens a
   * key's life: rotating a key already in its overlap keeps the earlier end. Overlap 0 ends it now.
   */
  async rotate(request: RotateScimKeyRequest): Promise<ScimKeyRotation> {
    if (!SHA256_HEX.test(request.digest)) {
      throw DomainError.invalid('digest', 'The key digest must be a lower-case hex SHA-256.');
    }
    const overlapHours = request.overlapHours ?? this.config.SCIM_KEY_ROTATION_OVERLAP_HOURS;
    return this.transactions.run(async (tx) => {
      const now = this.clock.now();
      const previous = await this.usableKeyForUpdate(tx, request, now);
      const overlapEnd = new Date(now.getTime() + overlapHours * HOUR_MS);
      const expiresAt =
        previous.expiresAt && previous.expiresAt < overlapEnd ? previous.expiresAt : overlapEnd;
      await this.keys.setExpiry(tx, previous.id, expiresAt);

      const key = Object.assign(new ScimApiKey(), {
        id: newId(),
        organizationId: previous.organizationId,
        displayPrefix: request.displayPrefix,
        digest: request.digest,
        createdAt: now,
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
      });
      await this.keys.insert(tx, key);
      await this.audit.record(tx, {
        organizationId: key.organizationId,
        actor: 'admin',
        action: 'scim_api_key.rotated',
        resourceType: 'scim_api_key',
        resourceId: key.id,
        data: {
          displayPrefix: key.displayPrefix,
          rotatedKeyId: previous.id,
          rotatedKeyExpiresAt: expiresAt.toISOString(),
          overlapHours,
        },
      });
      return { key: toScimKeyRecord(key), previous: toScimKeyRecord({ ...previous, expiresAt }) };
    });
  }

  /** Ends a key now. Revoking a revoked key changes nothing and records nothing. */
  async revoke(request: ScimKeyRef): Promise<ScimKeyRecord> {
    return this.transactions.run(async (tx) => {
      const key = await this.keyForUpdate(tx, request);
      if (key.revokedAt) return toScimKeyRecord(key);
      const revokedAt = this.clock.now();
      await this.keys.revoke(tx, key.id, revokedAt);
      await this.audit.record(tx, {
        organizationId: key.organizationId,
        actor: 'admin',
        action: 'scim_api_key.revoked',
        resourceType: 'scim_api_key',
        resourceId: key.id,
        data: { displayPrefix: key.displayPrefix },
      });
      return toScimKeyRecord({ ...key, revokedAt });
    });
  }

  private async keyForUpdate(tx: EntityManager, request: ScimKeyRef): Promise<ScimApiKey> {
    const organization = await this.organizations.find(tx, request.organizationId);
    if (!organization) throw DomainError.notFound('Organization', 'organizationId');
    const key = await this.keys.findForUpdate(tx, organization.id, request.keyId);
    if (!key) throw DomainError.notFound('SCIM API key', 'keyId');
    return key;
  }

  /** Only a key that still works can be rotated; a dead one is replaced by issuing a new key. */
  private async usableKeyForUpdate(tx: EntityManager, request: ScimKeyRef, now: Date): Promise<ScimApiKey> {
    const key = await this.keyForUpdate(tx, request);
    if (key.revokedAt) {
      throw DomainError.invalid(
        'keyId',
        'This SCIM API key is revoked; issue a new key instead of rotating it.',
      );
    }
    if (key.expiresAt && key.expiresAt <= now) {
      throw DomainError.invalid(
        'keyId',
        'This SCIM API key has expired; issue a new key instead of rotating it.',
      );
    }
    return key;
  }
}
