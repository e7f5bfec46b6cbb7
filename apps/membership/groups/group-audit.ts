import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../audit/audit-log';
import type { Group } from '../database/entities';

/**
 * The audit events of one group (SPEC §1, issue: every create, rename, member add and member remove),
 * written in the transaction of the change. Member changes list every member id, however many.
 */
export class GroupAudit {
  constructor(
    private readonly audit: AuditLog,
    private readonly tx: EntityManager,
    private readonly group: Group,
  ) {}

  created(): Promise<void> {
    return this.record('group.created', {
      displayName: this.group.displayName,
      externalId: this.group.externalId,
    });
  }

  renamed(from: string): Promise<void> {
    return this.record('group.renamed', { from, to: this.group.displayName });
  }

  externalIdChanged(from: string | null): Promise<void> {
    return this.record('group.external_id_changed', { from, to: this.group.externalId });
  }

  async membersAdded(memberIds: readonly string[]): Promise<void> {
    if (memberIds.length > 0) await this.record('group.members_added', { memberIds: [...memberIds] });
  }

  async membersRemoved(memberIds: readonly string[]): Promise<void> {
    if (memberIds.length > 0) await this.record('group.members_removed', { memberIds: [...memberIds] });
  }

  deleted(memberIds: readonly string[]): Promise<void> {
    return this.record('group.deleted', {
      displayName: this.group.displayName,
      externalId: this.group.externalId,
      memberIds: [...memberIds],
    });
  }

  private record(action: string, data: Record<string, string | null | string[]>): Promise<void> {
    return this.audit.record(this.tx, {
      organizationId: this.group.organizationId,
      actor: 'scim',
      action,
      resourceType: 'group',
      resourceId: this.group.id,
      data,
    });
  }
}
