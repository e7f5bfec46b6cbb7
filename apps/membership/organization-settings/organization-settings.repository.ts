import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isId } from '../domain/identifiers';

/** An organization as onboarding needs it: its name and its settings. */
export interface OrganizationOnboarding {
  id: string;
  name: string;
  autoConfirm: boolean;
  adminEmails: string[];
}

interface Row {
  id: string;
  name: string;
  auto_confirm: boolean;
  admin_emails: string[];
}

const COLUMNS = 'id, name, auto_confirm, admin_emails';

@Injectable()
export class OrganizationSettingsRepository {
  async find(db: EntityManager, organizationId: string): Promise<OrganizationOnboarding | null> {
    return this.select(db, organizationId, '');
  }

  /** Locks the row for the rest of the transaction: concurrent settings changes apply one by one. */
  async findForUpdate(tx: EntityManager, organizationId: string): Promise<OrganizationOnboarding | null> {
    return this.select(tx, organizationId, 'FOR UPDATE');
  }

  async update(
    tx: EntityManager,
    organizationId: string,
    settings: Pick<OrganizationOnboarding, 'autoConfirm' | 'adminEmails'>,
  ): Promise<void> {
    await tx.query(`UPDATE organizations SET auto_confirm = $2, admin_emails = $3::text[] WHERE id = $1`, [
      organizationId,
      settings.autoConfirm,
      settings.adminEmails,
    ]);
  }

  private async select(
    db: EntityManager,
    organizationId: string,
    lock: '' | 'FOR UPDATE',
  ): Promise<OrganizationOnboarding | null> {
    if (!isId(organizationId)) return null;
    const rows = await db.query<Row[]>(`SELECT ${COLUMNS} FROM organizations WHERE id = $1 ${lock}`, [
      organizationId,
    ]);
    const row = rows[0];
    if (!row) return null;
    return { id: row.id, name: row.name, autoConfirm: row.auto_confirm, adminEmails: row.admin_emails };
  }
}
