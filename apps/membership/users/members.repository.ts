import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Member } from '../database/entities';
import { isId } from '../domain/identifiers';
import type { CompiledUserQuery } from './query/user-query.compiler';
import { SqlParameters } from './query/sql-parameters';

export interface MemberGroup {
  id: string;
  displayName: string;
}

/** Members rows. Every lookup is scoped by organization: an id from another one is "not found". */
@Injectable()
export class MembersRepository {
  async find(db: EntityManager, organizationId: string, id: string): Promise<Member | null> {
    if (!isId(id)) return null;
    return db.findOneBy(Member, { organizationId, id });
  }

  /** Locks the member for the rest of the transaction: concurrent changes to it apply one by one. */
  async findForUpdate(tx: EntityManager, organizationId: string, id: string): Promise<Member | null> {
    if (!isId(id)) return null;
    return tx.findOne(Member, { where: { organizationId, id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(tx: EntityManager, member: Member): Promise<void> {
    await tx.insert(Member, member);
  }

  async update(tx: EntityManager, member: Member): Promise<void> {
    const { id, organizationId, createdAt: _createdAt, ...changes } = member;
    await tx.update(Member, { id, organizationId }, changes);
  }

  async delete(tx: EntityManager, member: Member): Promise<void> {
    // group_members rows go with it (ON DELETE CASCADE).
    await tx.delete(Member, { id: member.id, organizationId: member.organizationId });
  }

  /** The groups of each member, by member id (SPEC §4: `groups` is derived from membership). */
  async groupsOf(db: EntityManager, memberIds: readonly string[]): Promise<Map<string, MemberGroup[]>> {
    const byMember = new Map<string, MemberGroup[]>(memberIds.map((id) => [id, []]));
    if (memberIds.length === 0) return byMember;
    const rows = await db.query<{ member_id: string; id: string; display_name: string }[]>(
      `SELECT gm.member_id, g.id, g.display_name
         FROM group_members gm JOIN groups g ON g.id = gm.group_id
        WHERE gm.member_id = ANY($1::uuid[])
        ORDER BY g.display_name_canonical, g.id`,
      [memberIds],
    );
    for (const row of rows) byMember.get(row.member_id)?.push({ id: row.id, displayName: row.display_name });
    return byMember;
  }

  /**
   * One page of members in the query's order, each with its groups, and the total the query
   * matches: one statement, so one round trip and one snapshot for both (no transaction needed).
   * Page ids come from the index in order (index-only when the filter allows), rows are then read
   * by primary key: an OFFSET never fetches the rows it skips.
   */
  async page(
    db: EntityManager,
    query: CompiledUserQuery,
    offset: number,
    limit: number,
  ): Promise<MemberPage> {
    const params = new SqlParameters(query.params);
    const rows = await db.query<PageRow[]>(
      `WITH total AS (SELECT count(*)::int AS total FROM members m WHERE ${query.where}),
            page AS (SELECT m.id, row_number() OVER (ORDER BY ${query.orderBy}) AS position
                       FROM members m WHERE ${query.where}
                      ORDER BY ${query.orderBy} LIMIT ${params.add(limit)} OFFSET ${params.add(offset)})
       SELECT total.total, ${MEMBER_COLUMNS.map((column) => `p.${column}`).join(', ')},
              (SELECT json_agg(json_build_object('id', g.id, 'displayName', g.display_name)
                               ORDER BY g.display_name_canonical, g.id)
                 FROM group_members gm JOIN groups g ON g.id = gm.group_id
                WHERE gm.member_id = p.id) AS groups
         FROM total
         LEFT JOIN page ON true
         LEFT JOIN members p ON p.id = page.id
        ORDER BY page.position`,
      params.list(),
    );
    const total = rows.length > 0 ? rows[0].total : 0;
    const members = rows
      .filter((row) => row.id !== null)
      .map((row) => ({ member: memberFromRow(row), groups: row.groups ?? [] }));
    return { total, members };
  }
}

/** The columns of `members`, as the page query reads them. */
const MEMBER_COLUMNS = [
  'id',
  'organization_id',
  'status',
  'status_before_revoke',
  'user_name',
  'user_name_canonical',
  'email',
  'external_id',
  'display_name',
  'given_name',
  'family_name',
  'attributes',
  'invitation_nonce',
  'invitation_issued_at',
  'invitation_expires_at',
  'version',
  'created_at',
  'updated_at',
] as const;

export interface MemberPage {
  /** How many members the query matches in all. */
  total: number;
  members: { member: Member; groups: MemberGroup[] }[];
}

/** A page row: the total, the member's columns (null past the last page) and its groups. */
type PageRow = Record<(typeof MEMBER_COLUMNS)[number], unknown> & {
  total: number;
  id: string | null;
  groups: MemberGroup[] | null;
};

/** A members row read with raw SQL (pg parses timestamptz and jsonb), as the entity TypeORM builds it. */
function memberFromRow(values: PageRow): Member {
  return Object.assign(new Member(), {
    id: values.id,
    organizationId: values.organization_id,
    status: values.status,
    statusBeforeRevoke: values.status_before_revoke,
    userName: values.user_name,
    userNameCanonical: values.user_name_canonical,
    email: values.email,
    externalId: values.external_id,
    displayName: values.display_name,
    givenName: values.given_name,
    familyName: values.family_name,
    attributes: values.attributes,
    invitationNonce: values.invitation_nonce,
    invitationIssuedAt: values.invitation_issued_at,
    invitationExpiresAt: values.invitation_expires_at,
    version: values.version,
    createdAt: values.created_at,
    updatedAt: values.updated_at,
  });
}
