import { Injectable } from '@nestjs/common';
import {
  MEMBER_MAIL_KINDS,
  type DeliveryState,
  type MemberStatus,
  type MemberSummary,
} from '@roster/contracts';
import type { EntityManager } from 'typeorm';

interface SummaryRow {
  id: string;
  user_name: string;
  email: string | null;
  display_name: string | null;
  status: MemberStatus;
  status_before_revoke: MemberStatus | null;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
  last_kind: string | null;
  last_state: DeliveryState | null;
  last_updated_at: Date | null;
  last_detail: string | null;
  groups: { id: string; displayName: string }[];
}

/** The admin's member list (SPEC §1): each member with its groups and the delivery state of the last email. */
@Injectable()
export class MemberSummariesRepository {
  async list(db: EntityManager, organizationId: string, status?: MemberStatus): Promise<MemberSummary[]> {
    const rows = await db.query<SummaryRow[]>(
      `SELECT m.id, m.user_name, m.email, m.display_name, m.status, m.status_before_revoke, m.external_id,
              m.created_at, m.updated_at,
              d.kind AS last_kind, d.state AS last_state, d.updated_at AS last_updated_at, d.detail AS last_detail,
              COALESCE(g.groups, '[]'::json) AS groups
         FROM members m
         LEFT JOIN LATERAL (
           -- event ids are outbox ids: the highest is the last email written to the member (notices
           -- about the member sent to the organization's admins are not the member's email)
           SELECT kind, state, updated_at, detail FROM mail_deliveries
            WHERE member_id = m.id AND organization_id = m.organization_id AND kind = ANY($3::text[])
            ORDER BY event_id::bigint DESC LIMIT 1
         ) d ON true
         LEFT JOIN LATERAL (
           SELECT json_agg(json_build_object('id', gr.id, 'displayName', gr.display_name)
                           ORDER BY gr.display_name, gr.id) AS groups
             FROM group_members gm JOIN groups gr ON gr.id = gm.group_id AND gr.organization_id = m.organization_id
            WHERE gm.member_id = m.id
         ) g ON true
        WHERE m.organization_id = $1 AND ($2::text IS NULL OR m.status = $2::text)
        ORDER BY m.created_at, m.id`,
      [organizationId, status ?? null, MEMBER_MAIL_KINDS],
    );
    return rows.map(toMemberSummary);
  }
}

function toMemberSummary(row: SummaryRow): MemberSummary {
  return {
    id: row.id,
    userName: row.user_name,
    email: row.email,
    displayName: row.display_name,
    status: row.status,
    statusBeforeRevoke: row.status_before_revoke,
    externalId: row.external_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastEmail:
      row.last_kind !== null && row.last_state !== null && row.last_updated_at !== null
        ? {
            kind: row.last_kind,
            state: row.last_state,
            updatedAt: row.last_updated_at.toISOString(),
            detail: row.last_detail,
          }
        : null,
    groups: row.groups,
  };
}
