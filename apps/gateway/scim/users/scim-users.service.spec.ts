import {
  DomainErrorCode,
  MembershipPatterns,
  type MembershipPattern,
  type QueryUsersRequest,
  type ReplaceUserRequest,
  type UserRecord,
} from '@roster/contracts';
import { ScimError } from '@roster/scim';
import { randomUUID } from 'node:crypto';
import type { MembershipClient } from '../../membership/membership.client';
import { MembershipDomainError } from '../../membership/membership.errors';
import { userRecord } from '../../testing/gateway-test-config';
import { ScimUrls } from '../scim-urls';
import { MembershipUsersClient } from './membership-users.client';
import { ScimUsersService } from './scim-users.service';

const ORG = '6f1c3f0e-8a9b-4c1d-9e2f-0a1b2c3d4e5f';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const deactivate = {
  schemas: [PATCH_SCHEMA],
  Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
};

/** Membership as the service sees it: one stored user, with versions, and a log of what was sent. */
class FakeMembershipClient {
  readonly sent: { pattern: MembershipPattern; payload: Record<string, unknown> }[] = [];
  /** Versions bumped by "another request" between this service's read and write. */
  concurrentWrites = 0;

  constructor(public user: UserRecord) {}

  async send<T>(pattern: MembershipPattern, payload: object): Promise<T> {
    const request = payload as Record<string, unknown>;
    this.sent.push({ pattern, payload: request });
    switch (pattern) {
      case MembershipPatterns.usersGet:
        return this.found(request.id) as T;
      case MembershipPatterns.usersReplace: {
        const replace = request as unknown as ReplaceUserRequest;
        this.found(replace.id);
        if (this.concurrentWrites > 0) {
          this.concurrentWrites--;
          this.user = { ...this.user, version: this.user.version + 1 };
        }
        if (replace.expectedVersion !== undefined && replace.expectedVersion !== this.user.version) {
          throw new MembershipDomainError(DomainErrorCode.versionMismatch, 'stale');
        }
        const active = replace.user.active ?? this.user.active;
        this.user = { ...this.user, userName: replace.user.userName, active, version: this.user.version + 1 };
        return this.user as T;
      }
      case MembershipPatterns.usersQuery:
        return { totalResults: 1, items: [this.user] } as T;
      case MembershipPatterns.usersDelete:
        this.found(request.id);
        return undefined as T;
      default:
        throw new Error(`unexpected ${pattern}`);
    }
  }

  private found(id: unknown): UserRecord {
    if (id !== this.user.id) throw new MembershipDomainError(DomainErrorCode.notFound, 'no member');
    return this.user;
  }
}

function setup(overrides: Partial<UserRecord> = {}) {
  const membership = new FakeMembershipClient(userRecord(ORG, randomUUID(), { version: 4, ...overrides }));
  const users = new MembershipUsersClient(membership as unknown as MembershipClient);
  const service = new ScimUsersService(users, new ScimUrls('https://roster.test'));
  return { membership, service, id: membership.user.id };
}

const replaces = (membership: FakeMembershipClient) =>
  membership.sent.filter((call) => call.pattern === MembershipPatterns.usersReplace);

describe('ScimUsersService.patch (RFC 7644 §3.5.2)', () => {
  // Protects: Entra's deactivation ("False" as a string) becomes active=false on a versioned write.
  it('reads, applies and writes back with the version read; 204 with the new ETag', async () => {
    const { membership, service, id } = setup();
    const result = await service.patch(ORG, id, deactivate, {}, {});
    expect(result).toEqual({ status: 204, headers: { etag: 'W/"5"' } });
    expect(replaces(membership)).toHaveLength(1);
    expect(replaces(membership)[0].payload).toMatchObject({ expectedVersion: 4, user: { active: false } });
  });

  // Protects: RFC 7644 §3.5.2 — with attributes/excludedAttributes the resource is returned (200).
  it('answers 200 with the projected resource when attributes are asked for', async () => {
    const { service, id } = setup();
    const result = await service.patch(ORG, id, deactivate, { attributes: 'active' }, {});
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ schemas: expect.any(Array), id, active: false, meta: expect.any(Object) });
  });

  // Protects: concurrent IdP requests lose no update: a stale write is re-read and re-applied.
  it('retries the read-apply-write when another request changed the user in between', async () => {
    const { membership, service, id } = setup();
    membership.concurrentWrites = 2;
    const result = await service.patch(ORG, id, deactivate, {}, {});
    expect(result.status).toBe(204);
    expect(replaces(membership).map((call) => call.payload.expectedVersion)).toEqual([4, 5, 6]);
  });

  it('gives up with 409 after 5 attempts', async () => {
    const { membership, service, id } = setup();
    membership.concurrentWrites = 100;
    await expect(service.patch(ORG, id, deactivate, {}, {})).rejects.toMatchObject({ status: 409 });
    expect(replaces(membership)).toHaveLength(5);
  });

  // Protects: a client that pinned a version with If-Match is never silently retried over.
  it('fails with 412 when If-Match is stale, without writing', async () => {
    const { membership, service, id } = setup();
    await expect(service.patch(ORG, id, deactivate, {}, { ifMatch: 'W/"3"' })).rejects.toMatchObject({
      status: 412,
    });
    expect(replaces(membership)).toHaveLength(0);
  });

  it('does not retry when If-Match matched but a concurrent write won', async () => {
    const { membership, service, id } = setup();
    membership.concurrentWrites = 1;
    await expect(service.patch(ORG, id, deactivate, {}, { ifMatch: 'W/"4"' })).rejects.toMatchObject({
      code: DomainErrorCode.versionMismatch,
    });
    expect(replaces(membership)).toHaveLength(1);
  });

  it('refuses a malformed PatchOp before reading anything', async () => {
    const { membership, service, id } = setup();
    await expect(service.patch(ORG, id, { Operations: [] }, {}, {})).rejects.toBeInstanceOf(ScimError);
    expect(membership.sent).toHaveLength(0);
  });
});

describe('ScimUsersService preconditions and ids', () => {
  it.each<[string, string | undefined, number | undefined]>([
    ['no If-Match', undefined, undefined],
    ['If-Match *', '*', undefined],
    ['If-Match with one version', 'W/"4"', 4],
  ])('PUT with %s sends expectedVersion %p', async (_name, ifMatch, expected) => {
    const { membership, service, id } = setup();
    await service.replace(ORG, id, { userName: 'babs@example.com' }, {}, { ifMatch });
    expect(replaces(membership)[0].payload.expectedVersion).toBe(expected);
  });

  it('PUT with several If-Match versions checks the current one', async () => {
    const { service, id } = setup();
    await expect(
      service.replace(ORG, id, { userName: 'b' }, {}, { ifMatch: 'W/"1", W/"2"' }),
    ).rejects.toMatchObject({
      status: 412,
    });
    await expect(
      service.replace(ORG, id, { userName: 'b' }, {}, { ifMatch: 'W/"1", W/"4"' }),
    ).resolves.toMatchObject({
      status: 200,
    });
  });

  // Protects: ids that cannot exist are 404 naming the id, without a lookup.
  it.each(['not-a-uuid', '../../etc', '1'])(
    'answers 404 to the id %p without asking membership',
    async (id) => {
      const { membership, service } = setup();
      await expect(service.get(ORG, id, {}, {})).rejects.toMatchObject({
        status: 404,
        detail: `User ${id} not found.`,
      });
      expect(membership.sent).toHaveLength(0);
    },
  );

  it('lower-cases an upper-case id', async () => {
    const { service, id } = setup();
    await expect(service.get(ORG, id.toUpperCase(), {}, {})).resolves.toMatchObject({ status: 200 });
  });

  it('DELETE answers 204', async () => {
    const { service, id } = setup();
    await expect(service.delete(ORG, id, {})).resolves.toEqual({ status: 204 });
  });
});

describe('ScimUsersService.list (RFC 7644 §3.4.2)', () => {
  // Protects: the filter is resolved to a QueryExpr before it crosses the bus; paging is passed on.
  it('sends a resolved filter, sort and paging, and answers a ListResponse', async () => {
    const { membership, service, id } = setup();
    const result = await service.list(ORG, {
      filter: 'userName eq "bjensen@example.com"',
      sortBy: 'userName',
      startIndex: '1',
      count: '2',
      aadOptscim062020: '',
    });
    const query = membership.sent[0].payload as unknown as QueryUsersRequest;
    expect(query).toMatchObject({ organizationId: ORG, startIndex: 1, count: 2 });
    expect(query.filter).toMatchObject({ kind: 'compare', op: 'eq', attr: { name: 'userName' } });
    expect(query.sort).toMatchObject({ attr: { name: 'userName' }, order: 'ascending' });
    expect(result.body).toMatchObject({
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 1,
      Resources: [{ id }],
    });
  });

  it('refuses a filter it cannot parse with 400 invalidFilter, without asking membership', async () => {
    const { membership, service } = setup();
    await expect(service.list(ORG, { filter: 'userName eq' })).rejects.toMatchObject({
      status: 400,
      scimType: 'invalidFilter',
    });
    expect(membership.sent).toHaveLength(0);
  });
});
