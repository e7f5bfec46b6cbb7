import { Injectable } from '@nestjs/common';
import type {
  ProvisioningLogPage,
  ProvisioningLogRecorded,
  QueryProvisioningLogRequest,
  RecordProvisioningLogRequest,
} from '@roster/contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../database/keyset-cursor';
import { Transactions } from '../database/transactions';
import { DomainError } from '../domain/domain-error';
import { isId } from '../domain/identifiers';
import { ProvisioningLogRepository } from './provisioning-log.repository';

const DEFAULT_PAGE_SIZE = 50;

/** The provisioning log (SPEC §1): what each organization's IdP asked of Roster, and how it ended. */
@Injectable()
export class ProvisioningLogService {
  constructor(
    private readonly transactions: Transactions,
    private readonly log: ProvisioningLogRepository,
  ) {}

  async record(request: RecordProvisioningLogRequest): Promise<ProvisioningLogRecorded> {
    return { stored: await this.log.insert(this.transactions.manager, request.entries) };
  }

  async query(request: QueryProvisioningLogRequest): Promise<ProvisioningLogPage> {
    const since = request.since === undefined ? undefined : new Date(request.since);
    const until = request.until === undefined ? undefined : new Date(request.until);
    if (since && until && since >= until) {
      throw DomainError.invalid('since', 'since must be earlier than until.');
    }
    const before = request.cursor === undefined ? undefined : decodeKeysetCursor(request.cursor);
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    return this.transactions.read(async (db) => {
      await this.assertOrganizationExists(db, request.organizationId);
      const rows = await this.log.page(
        db,
        request.organizationId,
        {
          since,
          until,
          outcome: request.outcome,
          method: request.method,
          resourceType: request.resourceType,
        },
        limit + 1,
        before,
      );
      const entries = rows.slice(0, limit);
      const last = entries.at(-1);
      return {
        entries,
        nextCursor:
          rows.length > limit && last ? encodeKeysetCursor({ at: new Date(last.at), id: last.id }) : null,
      };
    });
  }

  private async assertOrganizationExists(
    db: Parameters<ProvisioningLogRepository['page']>[0],
    organizationId: string,
  ): Promise<void> {
    const found = isId(organizationId)
      ? await db.query<unknown[]>(`SELECT 1 FROM organizations WHERE id = $1`, [organizationId])
      : [];
    if (found.length === 0) throw DomainError.notFound('Organization', 'organizationId');
  }
}
