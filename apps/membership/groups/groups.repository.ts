import { Injectable } from '@nestjs/common';
import type { GroupMemberRef, GroupMembersCursor } from '@roster/contracts';
import { In, type EntityManager } from 'typeorm';
import { Group } from '../database/entities';
import { isId } from '../domain/identifiers';
import { SqlParameters } from '../users/query/sql-parameters';
import type { CompiledGroupQuery } from './query/group-query.compiler';

/** Most member rows in one page of `membersPage`. */
export const MEMBER_PAGE_ROWS = 1000;
/** Characters of names one page may carry, so a page of long names still fits a bus message. */
const MEMBER_PAGE_TEXT_BUDGET = 200_000;

interface MemberRow {
  group_id: string;
  member_id: string;
  user_name: string;
  display_name: string | null;
}

// Deletes select their RETURNING rows through a CTE: TypeORM answers a bare DELETE with [rows, count].

/**
 * Groups and their members. Member changes are set operations — one statement for any number of ids,
 * never a read-modify-write of the list (DESIGN.md §4) — and every statement is scoped by
 * organization, so an id of another organization's user never enters a group.
 */
@Injectable()
export class GroupsRepository {
  async find(db: EntityManager, organizationId: string, id: string): Promise<Group | null> {
    if (!isId(id)) return null;
    return db.findOneBy(Group, { organizationId, id });
  }

  /** `SELECT ... FOR UPDATE`: changes to one group apply one at a time, each on the state the last left. */
  async findForUpdate(tx: EntityManager, organizationId: string, id: string): Promise<Group | null> {
    if (!isId(id)) return null;
    return tx.findOne(Group, { where: { organizationId, id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(tx: EntityManager, group: Group): Promise<void> {
    await tx.insert(Group, group);
  }

  /** Writes the group's fields and version; returns its member count, in the same round trip. */
  async update(tx: EntityManager, group: Group): Promise<number> {
    const [rows] = await tx.query<[{ member_count: number }[], number]>(
      `UPDATE groups
          SET display_name = $3, display_name_canonical = $4, external_id = $5, version = $6, updated_at = $7
        WHERE id = $1 AND organization_id = $2
       RETURNING (SELECT count(*)::int FROM group_members WHERE group_id = $1) AS member_count`,
      [
        group.id,
        group.organizationId,
        group.displayName,
        group.displayNameCanonical,
        group.externalId,
        group.version,
        group.updatedAt,
      ],
    );
    return rows[0].member_count;
  }

  async delete(tx: EntityManager, group: Group): Promise<void> {
    await tx.delete(Group, { id: group.id, organizationId: group.organizationId });
  }

  /**
   * Those of `ids` that are users of the organization, share-locked (FOR KEY SHARE) until the end of
   * the transaction: a user deleted meanwhile is skipped instead of failing the insert's foreign key.
   * Taken before the group row, so a group change never waits for a user while holding its group.
   */
  async lockUsers(tx: EntityManager, organizationId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await tx.query<{ id: string }[]>(
      `SELECT id FROM members WHERE organization_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR KEY SHARE`,
      [organizationId, ids],
    );
    return rows.map((row) => row.id);
  }

  /** Adds the users among `ids` that are not members yet; returns the ids it added. */
  async addMembers(tx: EntityManager, group: Group, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await tx.query<{ member_id: string }[]>(
      `INSERT INTO group_members (group_id, member_id)
       SELECT $1, m.id FROM unnest($2::uuid[]) AS given(id)
         JOIN members m ON m.id = given.id AND m.organization_id = $3
       ON CONFLICT DO NOTHING
       RETURNING member_id`,
      [group.id, ids, group.organizationId],
    );
    return rows.map((row) => row.member_id);
  }

  /** Removes those of `ids` that are members; returns the ids it removed. */
  async removeMembers(tx: EntityManager, groupId: string, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await tx.query<{ member_id: string }[]>(
      `WITH removed AS (DELETE FROM group_members WHERE group_id = $1 AND member_id = ANY($2::uuid[]) RETURNING member_id)
       SELECT member_id FROM removed`,
      [groupId, ids],
    );
    return rows.map((row) => row.member_id);
  }

  /** Removes every member not in `ids` (all of them for `[]`); returns the ids it removed. */
  async removeMembersExcept(tx: EntityManager, groupId: string, ids: readonly string[]): Promise<string[]> {
    const rows = await tx.query<{ member_id: string }[]>(
      `WITH removed AS (DELETE FROM group_members WHERE group_id = $1 AND NOT (member_id = ANY($2::uuid[])) RETURNING member_id)
       SELECT member_id FROM removed`,
      [groupId, ids],
    );
    return rows.map((row) => row.member_id);
  }

  /** Member counts by group id (0 for a group without members). */
  async memberCounts(db: EntityManager, groupIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(groupIds.map((id) => [id, 0]));
    if (groupIds.length === 0) return counts;
    const rows = await db.query<{ group_id: string; total: number }[]>(
      `SELECT group_id, count(*)::int AS total FROM group_members WHERE group_id = ANY($1::uuid[]) GROUP BY group_id`,
      [groupIds],
    );
    for (const row of rows) counts.set(row.group_id, row.total);
    return counts;
  }

  async count(db: EntityManager, query: CompiledGroupQuery): Promise<number> {
    const rows = await db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM groups g WHERE ${query.where}`,
      query.whereParams,
    );
    return rows[0].total;
  }

  /** One page of groups in the query's order. */
  async page(db: EntityManager, query: CompiledGroupQuery, offset: number, limit: number): Promise<Group[]> {
    const params = new SqlParameters(query.params);
    const rows = await db.query<{ id: string }[]>(
      `SELECT g.id FROM groups g WHERE ${query.where}
        ORDER BY ${query.orderBy} LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}`,
      params.list(),
    );
    const ids = rows.map((row) => row.id);
    if (ids.length === 0) return [];
    const groups = new Map((await db.findBy(Group, { id: In(ids) })).map((group) => [group.id, group]));
    return ids.map((id) => groups.get(id)).filter((group): group is Group => group !== undefined);
  }

  /** Every group of the organization, by name (the admin's list). */
  async listAll(db: EntityManager, organizationId: string): Promise<Group[]> {
    return db.find(Group, { where: { organizationId }, order: { displayNameCanonical: 'ASC', id: 'ASC' } });
  }

  /**
   * The members of the organization's groups among `groupIds`, in (group, member) order after
   * `after`, as many as fit one page: keyset paging on the group_members primary key.
   */
  async membersPage(
    db: EntityManager,
    organizationId: string,
    groupIds: readonly string[],
    after: GroupMembersCursor | undefined,
  ): Promise<{ members: GroupMemberRef[]; next: GroupMembersCursor | null }> {
    const params = new SqlParameters([organizationId, groupIds]);
    const resume = after
      ? `AND (gm.group_id, gm.member_id) > (${params.add(after.groupId)}::uuid, ${params.add(after.memberId)}::uuid)`
      : '';
    const rows = await db.query<MemberRow[]>(
      `SELECT gm.group_id, gm.member_id, m.user_name, m.display_name
         FROM group_members gm
         JOIN groups g ON g.id = gm.group_id AND g.organization_id = $1
         JOIN members m ON m.id = gm.member_id
        WHERE gm.group_id = ANY($2::uuid[]) ${resume}
        ORDER BY gm.group_id, gm.member_id
        LIMIT ${params.add(MEMBER_PAGE_ROWS)}`,
      params.list(),
    );
    const kept = withinTextBudget(rows);
    const last = kept[kept.length - 1];
    const more = kept.length < rows.length || rows.length === MEMBER_PAGE_ROWS;
    return {
      members: kept.map((row) => ({
        groupId: row.group_id,
        memberId: row.member_id,
        userName: row.user_name,
        displayName: row.display_name,
      })),
      next: more && last ? { groupId: last.group_id, memberId: last.member_id } : null,
    };
  }
}

// Names may be up to 512 characters each: a page stops early rather than outgrow a bus message.
function withinTextBudget(rows: MemberRow[]): MemberRow[] {
  let used = 0;
  for (let index = 0; index < rows.length; index++) {
    used += rows[index].user_name.length + (rows[index].display_name?.length ?? 0) + 100;
    if (used > MEMBER_PAGE_TEXT_BUDGET && index > 0) return rows.slice(0, index);
  }
  return rows;
}
