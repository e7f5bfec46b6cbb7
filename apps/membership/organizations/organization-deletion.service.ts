import { Injectable, Logger } from '@nestjs/common';
import { mailJobId, type OrganizationDeletion, type OrganizationRef } from '@roster/contracts';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { Transactions } from '../database/transactions';
import { DomainError } from '../domain/domain-error';
import { MailRedis } from '../mail/mail-redis';
import { OrganizationsRepository } from './organizations.repository';

/** BullMQ states in which a job has not started sending and can still be taken back. */
const CANCELLABLE_JOB_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

interface Removed {
  deletion: OrganizationDeletion;
  /** Outbox ids already handed to the mail queue whose email is not sent yet. */
  queuedEventIds: string[];
}

/**
 * Deletes an organization and everything in it (SPEC §1): keys, members, groups, memberships of
 * groups and the provisioning log go with the row (ON DELETE CASCADE); its outbox and delivery rows
 * are deleted in the same transaction, so the relay never sends an email for it again. Emails already
 * on the mail queue are taken off it after the commit; one being sent at that very moment cannot be.
 * The audit log keeps a record of the deletion, as it does of every removed member.
 */
@Injectable()
export class OrganizationDeletionService {
  private readonly logger = new Logger('OrganizationDeletion');

  constructor(
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditLog,
    private readonly mailRedis: MailRedis,
  ) {}

  async delete(request: OrganizationRef): Promise<OrganizationDeletion> {
    const removed = await this.transactions.run((tx) => this.remove(tx, request.organizationId));
    const taken = await this.takeOffMailQueue(removed.queuedEventIds);
    return { ...removed.deletion, cancelledEmails: removed.deletion.cancelledEmails + taken };
  }

  private async remove(tx: EntityManager, organizationId: string): Promise<Removed> {
    // Locked first: a concurrent settings change or key issue waits and then finds nothing.
    const organization = await this.organizations.findForUpdate(tx, organizationId);
    if (!organization) throw DomainError.notFound('Organization', 'organizationId');
    const id = organization.id;

    const [counts] = await tx.query<{ members: number; groups: number; keys: number }[]>(
      `SELECT (SELECT count(*) FROM members WHERE organization_id = $1)::int AS members,
              (SELECT count(*) FROM groups WHERE organization_id = $1)::int AS groups,
              (SELECT count(*) FROM scim_api_keys WHERE organization_id = $1)::int AS keys`,
      [id],
    );
    // Waits for a relay pass that holds some of these rows, then sees whether it queued them.
    // (TypeORM answers a DELETE with [rows, count].)
    const [outbox] = await tx.query<[{ id: string; dispatched_at: Date | null }[], number]>(
      `DELETE FROM outbox WHERE organization_id = $1 RETURNING id, dispatched_at`,
      [id],
    );
    const [deliveries] = await tx.query<[{ event_id: string; state: string }[], number]>(
      `DELETE FROM mail_deliveries WHERE organization_id = $1 RETURNING event_id, state`,
      [id],
    );
    await tx.query(`DELETE FROM organizations WHERE id = $1`, [id]);

    const dispatched = new Set(
      outbox.filter((row) => row.dispatched_at !== null).map((row) => String(row.id)),
    );
    const unsent = outbox.length - dispatched.size;
    const queuedEventIds = deliveries
      .filter((row) => dispatched.has(row.event_id) && (row.state === 'queued' || row.state === 'retrying'))
      .map((row) => row.event_id);

    const deletion: OrganizationDeletion = {
      organizationId: id,
      name: organization.name,
      members: counts.members,
      groups: counts.groups,
      scimKeys: counts.keys,
      cancelledEmails: unsent,
    };
    await this.audit.record(tx, {
      organizationId: id,
      actor: 'admin',
      action: 'organization.deleted',
      resourceType: 'organization',
      resourceId: id,
      data: {
        name: organization.name,
        members: counts.members,
        groups: counts.groups,
        scimKeys: counts.keys,
        unsentEmails: unsent,
        queuedEmails: queuedEventIds.length,
      },
    });
    return { deletion, queuedEventIds };
  }

  /**
   * Best effort, after the commit: the organization is gone whatever Redis says. A job that could not
   * be taken back is sent; its link leads nowhere, since the membership it names no longer exists.
   */
  private async takeOffMailQueue(eventIds: readonly string[]): Promise<number> {
    let taken = 0;
    for (const eventId of eventIds) {
      try {
        const job = await this.mailRedis.outgoing.getJob(mailJobId(eventId));
        if (!job || !CANCELLABLE_JOB_STATES.has(await job.getState())) continue;
        taken += await this.mailRedis.outgoing.remove(job.id ?? mailJobId(eventId));
      } catch (error) {
        this.logger.warn(
          `Could not take email ${eventId} of a deleted organization off the mail queue: ${describe(error)}`,
        );
      }
    }
    return taken;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
