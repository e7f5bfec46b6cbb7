import type { INestApplicationContext } from '@nestjs/common';
import { DomainErrorCode, type GroupChange, type QueryExpr } from '@roster/contracts';
import { GROUP_RESOURCE, parseFilter, resolveFilter, resolveSort } from '@roster/scim';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startMembershipContext, type MembershipTestContext } from '../testing/membership-test-context';
import { DomainError } from '../domain/domain-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { UsersService } from '../users/users.service';
import { MEMBER_PAGE_ROWS } from './groups.repository';
import { GroupsService } from './groups.service';

describe('GroupsService against PostgreSQL: groups as set operations (SPEC §5, DESIGN.md §4)', () => {
  let context: MembershipTestContext;
  let app: INestApplicationContext;
  let groups: GroupsService;
  let db: DataSource;
  let org: string;
  let otherOrg: string;

  beforeAll(async () => {
    context = await startMembershipContext();
    app = context.app;
    groups = app.get(GroupsService);
    db = app.get(DataSource);
    org = (await app.get(OrganizationsService).create({ name: 'Acme' })).id;
    otherOrg = (await app.get(OrganizationsService).create({ name: 'Other' })).id;
  });

  afterAll(async () => {
    await context?.close();
  });

  /** Inserts `count` users of `organizationId` in one statement; returns their ids in order. */
  async function users(count: number, organizationId = org): Promise<string[]> {
    const rows = await db.query<{ id: string }[]>(
      `INSERT INTO members (id, organization_id, status, user_name, user_name_canonical)
       SELECT gen_random_uuid(), $1, 'invited', n, n
         FROM (SELECT 'user-' || gen_random_uuid() AS n FROM generate_series(1, $2)) names
       RETURNING id`,
      [organizationId, count],
    );
    return rows.map((row) => row.id).sort();
  }
  const memberIds = async (groupId: string) =>
    (
      await db.query<{ member_id: string }[]>(
        `SELECT member_id FROM group_members WHERE group_id = $1 ORDER BY member_id`,
        [groupId],
      )
    ).map((row) => row.member_id);
  /** The group's audit events in order; member ids sorted, so a test compares them as exact sets. */
  const auditOf = async (groupId: string) =>
    (
      await db.query<{ action: string; data: Record<string, any> }[]>(
        `SELECT action, data FROM audit_events WHERE resource_id = $1 ORDER BY id`,
        [groupId],
      )
    ).map((event) =>
      Array.isArray(event.data?.memberIds)
        ? { ...event, data: { ...event.data, memberIds: [...(event.data.memberIds as string[])].sort() } }
        : event,
    );
  const create = (displayName: string, members: string[] = [], externalId?: string) =>
    groups.create({ organizationId: org, group: { displayName, members, externalId } });
  const update = (id: string, change: GroupChange, expectedVersion?: number) =>
    groups.update({ organizationId: org, id, change, expectedVersion });
  async function domainError(work: Promise<unknown>): Promise<DomainError> {
    try {
      await work;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('expected a DomainError');
  }

  it('creates a group with its members, skipping unknown ids and other organizations’ users, and audits it', async () => {
    const [a, b] = await users(2);
    const [foreign] = await users(1, otherOrg);
    const unknown = randomUUID();
    const { group, skippedMemberIds } = await create('Engineering', [a, b, foreign, unknown], 'okta-eng');
    expect(group).toMatchObject({
      displayName: 'Engineering',
      externalId: 'okta-eng',
      memberCount: 2,
      version: 1,
    });
    expect(skippedMemberIds.sort()).toEqual([foreign, unknown].sort());
    expect(await memberIds(group.id)).toEqual([a, b]);
    expect(await auditOf(group.id)).toEqual([
      { action: 'group.created', data: { displayName: 'Engineering', externalId: 'okta-eng' } },
      { action: 'group.members_added', data: { memberIds: [a, b] } },
    ]);
    // externalId is never invented
    expect((await create('No external id')).group.externalId).toBeNull();
  });

  it('keeps displayName unique per organization case-insensitively, in the database', async () => {
    await create('Sales');
    const error = await domainError(create('SALES'));
    expect(error).toMatchObject({ code: DomainErrorCode.uniqueness, target: 'displayName' });
    // another organization may use the name
    await expect(
      groups.create({ organizationId: otherOrg, group: { displayName: 'sales', members: [] } }),
    ).resolves.toBeDefined();
  });

  it('adds and removes members as sets: re-adding and removing a non-member change nothing, not even the version', async () => {
    const [a, b, c] = await users(3);
    const { group } = await create('Support', [a]);
    const noop = await update(group.id, { addMembers: [a], removeMembers: [c] });
    expect(noop.group.version).toBe(1);

    const changed = await update(group.id, { addMembers: [b, c], removeMembers: [a] });
    expect(changed.group).toMatchObject({ version: 2, memberCount: 2 });
    expect(await memberIds(group.id)).toEqual([b, c].sort());
    const audit = await auditOf(group.id);
    expect(audit.slice(-2)).toEqual([
      { action: 'group.members_removed', data: { memberIds: [a] } },
      { action: 'group.members_added', data: { memberIds: [b, c].sort() } },
    ]);

    const replaced = await update(group.id, { replaceMembers: [a] });
    expect(replaced.group).toMatchObject({ version: 3, memberCount: 1 });
    expect(await memberIds(group.id)).toEqual([a]);
    const cleared = await update(group.id, { replaceMembers: [] });
    expect(cleared.group).toMatchObject({ version: 4, memberCount: 0 });
    // Every change audited with exactly the ids it added or removed; the no-op left no event.
    expect(await auditOf(group.id)).toEqual([
      { action: 'group.created', data: { displayName: 'Support', externalId: null } },
      { action: 'group.members_added', data: { memberIds: [a] } },
      { action: 'group.members_removed', data: { memberIds: [a] } },
      { action: 'group.members_added', data: { memberIds: [b, c] } },
      { action: 'group.members_removed', data: { memberIds: [b, c] } },
      { action: 'group.members_added', data: { memberIds: [a] } },
      { action: 'group.members_removed', data: { memberIds: [a] } },
    ]);
    // the users are still members of the organization
    const left = await db.query(`SELECT id FROM members WHERE id = ANY($1::uuid[])`, [[a, b, c]]);
    expect(left).toHaveLength(3);
  });

  it('renames and sets externalId, audited; a change to the same values is no change', async () => {
    const { group } = await create('Ops');
    const renamed = await update(group.id, { displayName: 'Operations', externalId: 'x-1' });
    expect(renamed.group).toMatchObject({ displayName: 'Operations', externalId: 'x-1', version: 2 });
    expect((await update(group.id, { displayName: 'Operations', externalId: 'x-1' })).group.version).toBe(2);
    // only the case differs: still a rename of this group, not a clash with itself
    expect((await update(group.id, { displayName: 'OPERATIONS' })).group.version).toBe(3);
    const actions = (await auditOf(group.id)).map((event) => event.action);
    expect(actions).toEqual(['group.created', 'group.renamed', 'group.external_id_changed', 'group.renamed']);
    expect((await update(group.id, { externalId: null })).group.externalId).toBeNull();
  });

  it('is atomic: a rename onto another group’s name rolls back the member changes of the same request', async () => {
    const [a] = await users(1);
    await create('Taken');
    const { group } = await create('Mine');
    const error = await domainError(update(group.id, { addMembers: [a], displayName: 'taken' }));
    expect(error.code).toBe(DomainErrorCode.uniqueness);
    expect(await memberIds(group.id)).toEqual([]);
    expect((await groups.get({ organizationId: org, id: group.id })).version).toBe(1);
  });

  it('refuses a stale expectedVersion (If-Match) and changes nothing', async () => {
    const [a] = await users(1);
    const { group } = await create('Versioned');
    const error = await domainError(update(group.id, { addMembers: [a] }, 7));
    expect(error.code).toBe(DomainErrorCode.versionMismatch);
    expect(await memberIds(group.id)).toEqual([]);
    await expect(update(group.id, { addMembers: [a] }, 1)).resolves.toMatchObject({ group: { version: 2 } });
  });

  it('refuses a change that both replaces and adds members', async () => {
    const { group } = await create('Contradiction');
    const error = await domainError(update(group.id, { replaceMembers: [], addMembers: [randomUUID()] }));
    expect(error.code).toBe(DomainErrorCode.invalid);
  });

  it('never lets a group gain a user of another organization, nor be seen from one', async () => {
    const [foreign] = await users(1, otherOrg);
    const { group } = await create('Isolated');
    const result = await update(group.id, { addMembers: [foreign], replaceMembers: undefined });
    expect(result.skippedMemberIds).toEqual([foreign]);
    expect(await memberIds(group.id)).toEqual([]);
    expect(await domainError(groups.get({ organizationId: otherOrg, id: group.id }))).toMatchObject({
      code: DomainErrorCode.notFound,
    });
    const page = await groups.members({ organizationId: otherOrg, groupIds: [group.id] });
    expect(page.members).toEqual([]);
  });

  it('deleting a user removes it from its groups and changes their version; deleting a group removes no user', async () => {
    const [a, b] = await users(2);
    const { group } = await create('Cascade', [a, b]);
    await app.get(UsersService).delete({ organizationId: org, id: a });
    expect(await memberIds(group.id)).toEqual([b]);
    expect((await groups.get({ organizationId: org, id: group.id })).version).toBe(2);

    await groups.delete({ organizationId: org, id: group.id });
    expect(await domainError(groups.get({ organizationId: org, id: group.id }))).toMatchObject({
      code: DomainErrorCode.notFound,
    });
    expect(await db.query(`SELECT id FROM members WHERE id = $1`, [b])).toHaveLength(1);
    expect((await auditOf(group.id)).pop()).toEqual({
      action: 'group.deleted',
      data: { displayName: 'Cascade', externalId: null, memberIds: [b] },
    });
    expect(await domainError(groups.delete({ organizationId: org, id: group.id }))).toMatchObject({
      code: DomainErrorCode.notFound,
    });
  });

  it('pages through members across bus-sized pages, in a stable order', async () => {
    const ids = await users(MEMBER_PAGE_ROWS + 200);
    const { group } = await create('Big', ids);
    const { group: small } = await create('Small', ids.slice(0, 3));
    const seen: string[] = [];
    let after;
    let pages = 0;
    do {
      const page = await groups.members({ organizationId: org, groupIds: [group.id, small.id], after });
      seen.push(...page.members.map((member) => `${member.groupId}/${member.memberId}`));
      after = page.next ?? undefined;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(ids.length + 3);
    expect(new Set(seen).size).toBe(seen.length);
  });

  describe('queries: filters through the allowlist, in SQL', () => {
    let alpha: string;
    let member: string;
    beforeAll(async () => {
      [member] = await users(1);
      alpha = (await create('Query Alpha', [member], 'ext-Alpha')).group.id;
      await create('Query Beta', [], 'ext-beta');
      await create('Query Gamma');
    });
    const filter = (text: string): QueryExpr => resolveFilter(parseFilter(text), GROUP_RESOURCE);
    const names = async (text: string, sort?: string) => {
      const list = await groups.query({
        organizationId: org,
        filter: filter(`displayName sw "Query" and (${text})`),
        sort: sort === undefined ? undefined : resolveSort(sort, 'descending', GROUP_RESOURCE),
        startIndex: 1,
        count: 100,
      });
      return list.items.map((group) => group.displayName);
    };

    it.each<[string, string[]]>([
      ['displayName eq "query alpha"', ['Query Alpha']],
      ['displayName eq "QUERY ALPHA"', ['Query Alpha']],
      ['displayName co "beta"', ['Query Beta']],
      ['externalId eq "ext-Alpha"', ['Query Alpha']],
      ['externalId eq "ext-alpha"', []],
      ['externalId pr', ['Query Alpha', 'Query Beta']],
      ['not (externalId pr)', ['Query Gamma']],
      ['members pr', ['Query Alpha']],
      ['meta.created gt "2000-01-01T00:00:00Z"', ['Query Alpha', 'Query Beta', 'Query Gamma']],
      ['meta.resourceType eq "Group"', ['Query Alpha', 'Query Beta', 'Query Gamma']],
    ])('%s', async (text, expected) => {
      expect(await names(text)).toEqual(expected);
    });

    it('finds a group by id (any case) and by member, in both notations', async () => {
      expect(await names(`id eq "${alpha.toUpperCase()}"`)).toEqual(['Query Alpha']);
      expect(await names(`members.value eq "${member}"`)).toEqual(['Query Alpha']);
      expect(await names(`members[value eq "${member.toUpperCase()}"]`)).toEqual(['Query Alpha']);
      expect(await names(`members eq "${member}"`)).toEqual(['Query Alpha']);
    });

    it('sorts and pages with a total', async () => {
      expect(await names('displayName pr', 'displayName')).toEqual([
        'Query Gamma',
        'Query Beta',
        'Query Alpha',
      ]);
      const page = await groups.query({
        organizationId: org,
        filter: filter('displayName sw "Query"'),
        startIndex: 2,
        count: 1,
      });
      expect(page).toMatchObject({ totalResults: 3, items: [{ displayName: 'Query Beta' }] });
      const totalOnly = await groups.query({ organizationId: org, startIndex: 1, count: 0 });
      expect(totalOnly.items).toEqual([]);
      expect(totalOnly.totalResults).toBeGreaterThan(3);
    });

    it('refuses an attribute outside the allowlist, as a filter error', async () => {
      const refs: QueryExpr = {
        kind: 'compare',
        attr: {
          schema: 'urn:ietf:params:scim:schemas:core:2.0:Group',
          name: 'owner',
          type: 'string',
          caseExact: false,
          multiValued: false,
        },
        op: 'eq',
        value: 'x',
      };
      const error = await domainError(
        groups.query({ organizationId: org, filter: refs, startIndex: 1, count: 10 }),
      );
      expect(error).toMatchObject({ code: DomainErrorCode.invalid, target: 'filter' });
    });
  });
});
