import { Injectable } from '@nestjs/common';
import type { ProvisioningLogEntry, ProvisioningLogRecord, ProvisioningOutcome } from '@roster/contracts';
import type { EntityManager } from 'typeorm';
import type { KeysetPosition } from '../database/keyset-cursor';

export interface ProvisioningLogFilter {
  since?: Date;
  until?: Date;
  outcome?: ProvisioningOutcome;
  method?: string;
  resourceType?: string;
}

interface LogRow {
  id: string;
  created_at: Date;
  request_id: string;
  idp: string;
  method: string;
  path: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: ProvisioningOutcome;
  status: number;
  duration_ms: number;
  warnings: string[];
}

@Injectable()
export class ProvisioningLogRepository {
  /**
   * Stores a batch in one statement. Entries already stored (a batch sent again after a timeout) and
   * entries of organizations that do not exist (requests to made-up or deleted ids) are skipped.
   */
  async insert(db: EntityManager, entries: readonly ProvisioningLogEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const rows = entries.map((entry) => ({
      id: entry.id,
      organization_id: entry.organizationId,
      created_at: entry.at,
      request_id: entry.requestId,
      idp: entry.idp,
      method: entry.method,
      path: entry.path,
      resource_type: entry.resourceType ?? null,
      resource_id: entry.resourceId ?? null,
      outcome: entry.outcome,
      status: entry.status,
      duration_ms: entry.durationMs,
      warnings: entry.warnings,
    }));
    const stored = await db.query<{ id: string }[]>(
      `INSERT INTO provisioning_log (id, organization_id, created_at, request_id, idp, method, path,
                                     resource_type, resource_id, outcome, status, duration_ms, warnings)
       SELECT e.id, e.organization_id, e.created_at, e.request_id, e.idp, e.method, e.path,
              e.resource_type, e.resource_id, e.outcome, e.status, e.duration_ms, e.warnings
         FROM jsonb_to_recordset($1::jsonb) AS e(
                id uuid, organization_id uuid, created_at timestamptz, request_id text, idp text, method text,
                path text, resource_type text, resource_id text, outcome text, status int, duration_ms int,
                warnings jsonb)
         JOIN organizations o ON o.id = e.organization_id
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows)],
    );
    return stored.length;
  }

  /** Newest first, on the (organization_id, created_at DESC, id DESC) index. */
  async page(
    db: EntityManager,
    organizationId: string,
    filter: ProvisioningLogFilter,
    limit: number,
    before?: KeysetPosition,
  ): Promise<ProvisioningLogRecord[]> {
    const parameters: unknown[] = [organizationId];
    const where = ['organization_id = $1'];
    const bind = (value: unknown): string => `$${parameters.push(value)}`;
    if (filter.since) where.push(`created_at >= ${bind(filter.since)}`);
    if (filter.until) where.push(`created_at < ${bind(filter.until)}`);
    if (filter.outcome) where.push(`outcome = ${bind(filter.outcome)}`);
    if (filter.method) where.push(`method = ${bind(filter.method)}`);
    if (filter.resourceType) where.push(`lower(resource_type) = lower(${bind(filter.resourceType)})`);
    if (before) where.push(`(created_at, id) < (${bind(before.at)}, ${bind(before.id)}::uuid)`);
    const rows = await db.query<LogRow[]>(
      `SELECT id, created_at, request_id, idp, method, path, resource_type, resource_id, outcome, status,
              duration_ms, warnings
         FROM provisioning_log
        WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC
        LIMIT ${bind(limit)}`,
      parameters,
    );
    return rows.map(toRecord);
  }

  /** Deletes up to `batch` entries older than `cutoff`; replicas purging at once skip each other's rows. */
  async deleteOlderThan(db: EntityManager, cutoff: Date, batch: number): Promise<number> {
    // TypeORM answers a DELETE with [rows, count].
    const [, deleted] = await db.query<[unknown[], number]>(
      `DELETE FROM provisioning_log WHERE id IN (
         SELECT id FROM provisioning_log WHERE created_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED
       )`,
      [cutoff, batch],
    );
    return deleted;
  }
}

function toRecord(row: LogRow): ProvisioningLogRecord {
  return {
    id: row.id,
    at: row.created_at.toISOString(),
    requestId: row.request_id,
    idp: row.idp,
    method: row.method,
    path: row.path,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    outcome: row.outcome,
    status: row.status,
    durationMs: row.duration_ms,
    warnings: row.warnings,
  };
}
