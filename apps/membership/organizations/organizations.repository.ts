import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Organization } from '../database/entities';
import type { KeysetPosition } from '../database/keyset-cursor';
import { isId } from '../domain/identifiers';

@Injectable()
export class OrganizationsRepository {
  async find(db: EntityManager, id: string): Promise<Organization | null> {
    if (!isId(id)) return null;
    return db.findOneBy(Organization, { id });
  }

  /** Locks the row for the rest of the transaction: concurrent settings changes apply one by one. */
  async findForUpdate(tx: EntityManager, id: string): Promise<Organization | null> {
    if (!isId(id)) return null;
    return tx.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(tx: EntityManager, organization: Organization): Promise<void> {
    await tx.insert(Organization, organization);
  }

  async setScimEnabled(tx: EntityManager, id: string, enabled: boolean): Promise<void> {
    await tx.update(Organization, { id }, { scimEnabled: enabled });
  }

  async rename(tx: EntityManager, id: string, name: string): Promise<void> {
    await tx.update(Organization, { id }, { name });
  }

  /** Oldest first, `limit` after `after` (keyset on created_at, id). */
  async page(db: EntityManager, limit: number, after?: KeysetPosition): Promise<Organization[]> {
    const query = db
      .createQueryBuilder(Organization, 'o')
      .orderBy('o.createdAt', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit);
    if (after) query.where('(o.createdAt, o.id) > (:at, :id)', { at: after.at, id: after.id });
    return query.getMany();
  }
}
