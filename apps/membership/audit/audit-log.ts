import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { JsonObject } from '../database/json';
import { Clock } from '../domain/clock';

/** Who asked for a change: an identity provider over SCIM, an admin, or the member (accepting). */
export type AuditActor = 'scim' | 'admin' | 'member';

export interface AuditEntry {
  organizationId: string;
  actor: AuditActor;
  /** `member.created`, `member.revoked`, `organization.scim_enabled`, ... */
  action: string;
  resourceType: 'organization' | 'scim_api_key' | 'user' | 'group';
  resourceId: string;
  /** What changed; never a secret (no key, no digest, no password, no token). */
  data?: JsonObject;
}

/** Append-only history of changes, written in the transaction of the change it records. */
@Injectable()
export class AuditLog {
  constructor(private readonly clock: Clock) {}

  async record(tx: EntityManager, entry: AuditEntry): Promise<void> {
    await tx.query(
      `INSERT INTO audit_events (organization_id, actor, action, resource_type, resource_id, data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
      [
        entry.organizationId,
        entry.actor,
        entry.action,
        entry.resourceType,
        entry.resourceId,
        JSON.stringify(entry.data ?? {}),
        this.clock.now(),
      ],
    );
  }
}
