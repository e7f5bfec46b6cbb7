import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ScimApiKey } from '../database/entities';
import { isId } from '../domain/identifiers';

/** The interval within which a key's last use is not written again (SPEC §1: last used). */
export const LAST_USED_PRECISION_SECONDS = 60;

@Injectable()
export class ScimKeysRepository {
  async insert(tx: EntityManager, key: ScimApiKey): Promise<void> {
    await tx.insert(ScimApiKey, key);
  }

  /** Locks the key for the rest of the transaction: a rotation and a revocation apply one by one. */
  async findForUpdate(tx: EntityManager, organizationId: string, keyId: string): Promise<ScimApiKey | null> {
    if (!isId(keyId)) return null;
    return tx.findOne(ScimApiKey, {
      where: { id: keyId, organizationId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Every key of the organization, newest first: admins see revoked and expired ones too. */
  async list(db: EntityManager, organizationId: string): Promise<ScimApiKey[]> {
    return db.find(ScimApiKey, { where: { organizationId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async setExpiry(tx: EntityManager, keyId: string, expiresAt: Date): Promise<void> {
    await tx.update(ScimApiKey, { id: keyId }, { expiresAt });
  }

  async revoke(tx: EntityManager, keyId: string, at: Date): Promise<void> {
    await tx.update(ScimApiKey, { id: keyId }, { revokedAt: at });
  }

  /** Keys that may authenticate at `now`: neither revoked nor expired. */
  async usableDigests(
    db: EntityManager,
    organizationId: string,
    now: Date,
  ): Promise<{ id: string; digest: string }[]> {
    const rows = await db.query<{ id: string; digest: string }[]>(
      `SELECT id, digest FROM scim_api_keys
        WHERE organization_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
        ORDER BY created_at, id`,
      [organizationId, now],
    );
    return rows;
  }

  /**
   * Records a use, at most once a minute per key: every SCIM request reports one, and writing each
   * would turn reads into writes. A use older than the recorded one never moves it back.
   */
  async recordUse(db: EntityManager, organizationId: string, keyId: string, at: Date): Promise<void> {
    if (!isId(keyId) || !isId(organizationId)) return;
    await db.query(
      `UPDATE scim_api_keys SET last_used_at = $3
        WHERE id = $1 AND organization_id = $2
          AND (last_used_at IS NULL OR last_used_at <= $3::timestamptz - make_interval(secs => $4))`,
      [keyId, organizationId, at, LAST_USED_PRECISION_SECONDS],
    );
  }
}
