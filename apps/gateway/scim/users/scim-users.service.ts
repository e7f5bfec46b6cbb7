import { Injectable, Logger } from '@nestjs/common';
import type { UserRecord, UserWrite } from '@roster/contracts';
import {
  USER_RESOURCE,
  applyUserPatch,
  entityTagMatches,
  formatVersion,
  listResponse,
  parseEntityTag,
  parseFilter,
  parseListQuery,
  parsePatchRequest,
  parseSearchRequest,
  projectResource,
  resolveFilter,
  resolveSort,
  userRecordToResource,
  userResourceToWrite,
  type ListQuery,
  type QueryParameters,
} from '@roster/scim';
import { isUUID } from 'class-validator';
import type { ScimPreconditions } from '../scim-params';
import type { ScimResult } from '../scim-result';
import { ScimUrls } from '../scim-urls';
import { MembershipUsersClient } from './membership-users.client';
import {
  isVersionMismatch,
  userChangingConcurrently,
  userNotFound,
  userPreconditionFailed,
} from './user-errors';

/** Query parameters as Fastify parses them; libs/scim reads the SCIM ones and ignores the rest. */
export type ScimQuery = QueryParameters;

/** How often a PATCH re-reads and re-applies when a concurrent write changed the user in between. */
const PATCH_ATTEMPTS = 5;

/**
 * SCIM Users (RFC 7644 §3.3–§3.6): libs/scim parses and maps, membership decides and stores; this
 * class puts the two together — preconditions, the PATCH read-apply-write, projection, headers.
 */
@Injectable()
export class ScimUsersService {
  private readonly logger = new Logger(ScimUsersService.name);

  constructor(
    private readonly users: MembershipUsersClient,
    private readonly urls: ScimUrls,
  ) {}

  /** RFC 7644 §3.3: 201 with the resource, `Location` and `ETag`. */
  async create(organizationId: string, body: unknown, query: ScimQuery): Promise<ScimResult> {
    const record = await this.users.create(organizationId, this.toWrite(body, 'create'));
    const result = this.resourceResult(201, record, query);
    return { ...result, headers: { ...result.headers, location: this.urls.user(organizationId, record.id) } };
  }

  /** RFC 7644 §3.4.1: 200 with the resource, or 304 when If-None-Match names its version. */
  async get(
    organizationId: string,
    id: string,
    query: ScimQuery,
    conditions: ScimPreconditions,
  ): Promise<ScimResult> {
    const record = await this.users.get(organizationId, parseUserId(id));
    const ifNoneMatch = parseEntityTag(conditions.ifNoneMatch);
    if (ifNoneMatch !== null && entityTagMatches(ifNoneMatch, record.version)) {
      return { status: 304, headers: { etag: formatVersion(record.version) } };
    }
    return this.resourceResult(200, record, query);
  }

  /** RFC 7644 §3.4.2: GET /Users with filter, sort, paging and projection. */
  list(organizationId: string, query: ScimQuery): Promise<ScimResult> {
    return this.query(organizationId, parseListQuery(query));
  }

  /** RFC 7644 §3.4.3: POST /Users/.search, the same query in a SearchRequest body. */
  search(organizationId: string, body: unknown): Promise<ScimResult> {
    return this.query(organizationId, parseSearchRequest(body));
  }

  /** RFC 7644 §3.5.1: replaces the user; `active` left out stays as it is (SPEC §4). */
  async replace(
    organizationId: string,
    id: string,
    body: unknown,
    query: ScimQuery,
    conditions: ScimPreconditions,
  ): Promise<ScimResult> {
    const userId = parseUserId(id);
    const user = this.toWrite(body, 'replace');
    const expectedVersion = await this.expectedVersion(organizationId, userId, conditions);
    const record = await this.users.replace(organizationId, userId, user, expectedVersion);
    return this.resourceResult(200, record, query);
  }

  /**
   * RFC 7644 §3.5.2: read, apply the operations, write back with the version read. A concurrent write
   * in between is retried (the operations are re-applied to the new state) unless the client pinned
   * a version with If-Match, which then fails with 412. 204 with the new ETag, or 200 with the
   * resource when `attributes`/`excludedAttributes` ask for it.
   */
  async patch(
    organizationId: string,
    id: string,
    body: unknown,
    query: ScimQuery,
    conditions: ScimPreconditions,
  ): Promise<ScimResult> {
    const operations = parsePatchRequest(body);
    const userId = parseUserId(id);
    const ifMatch = parseEntityTag(conditions.ifMatch);
    for (let attempt = 1; ; attempt++) {
      const current = await this.users.get(organizationId, userId);
      if (ifMatch !== null && !entityTagMatches(ifMatch, current.version)) {
        throw userPreconditionFailed(current.id);
      }
      const patched = applyUserPatch(this.toResource(current), operations, (name) => this.logIgnored([name]));
      try {
        const record = await this.users.replace(
          organizationId,
          current.id,
          this.toWrite(patched, 'replace'),
          current.version,
        );
        return wantsResource(query)
          ? this.resourceResult(200, record, query)
          : { status: 204, headers: { etag: formatVersion(record.version) } };
      } catch (error) {
        if (!isVersionMismatch(error) || ifMatch !== null) throw error;
        if (attempt >= PATCH_ATTEMPTS) throw userChangingConcurrently(current.id);
      }
    }
  }

  /** RFC 7644 §3.6: 204; every later request on the id is 404. */
  async delete(organizationId: string, id: string, conditions: ScimPreconditions): Promise<ScimResult> {
    const userId = parseUserId(id);
    const expectedVersion = await this.expectedVersion(organizationId, userId, conditions);
    await this.users.delete(organizationId, userId, expectedVersion);
    return { status: 204 };
  }

  private async query(organizationId: string, listQuery: ListQuery): Promise<ScimResult> {
    const { filter, sortBy, sortOrder, startIndex, count } = listQuery;
    const list = await this.users.query({
      organizationId,
      filter: filter === undefined ? undefined : resolveFilter(parseFilter(filter), USER_RESOURCE),
      sort: sortBy === undefined ? undefined : resolveSort(sortBy, sortOrder, USER_RESOURCE),
      startIndex,
      count,
    });
    const resources = list.items.map((record) =>
      projectResource(this.toResource(record), USER_RESOURCE, listQuery),
    );
    return { status: 200, body: listResponse(resources, list.totalResults, startIndex) };
  }

  /**
   * The version membership must find for a conditional write (RFC 7644 §3.14): none without If-Match
   * or with `*`; the one version named; with several, the current one if it is among them. A
   * condition no version can meet is 412 at once.
   */
  private async expectedVersion(
    organizationId: string,
    id: string,
    conditions: ScimPreconditions,
  ): Promise<number | undefined> {
    const condition = parseEntityTag(conditions.ifMatch);
    if (condition === null || condition === '*') return undefined;
    if (condition.length === 1) return condition[0];
    if (condition.length === 0) throw userPreconditionFailed(id);
    const current = await this.users.get(organizationId, id);
    if (!entityTagMatches(condition, current.version)) throw userPreconditionFailed(id);
    return current.version;
  }

  private resourceResult(status: number, record: UserRecord, query: ScimQuery): ScimResult {
    const body = projectResource(this.toResource(record), USER_RESOURCE, parseListQuery(query));
    return { status, body, headers: { etag: formatVersion(record.version) } };
  }

  private toResource(record: UserRecord): Record<string, unknown> {
    return userRecordToResource(record, this.urls.organizationBase(record.organizationId));
  }

  private toWrite(body: unknown, mode: 'create' | 'replace'): UserWrite {
    const { write, ignored } = userResourceToWrite(body, mode);
    this.logIgnored(ignored);
    return write;
  }

  /** Unknown attributes and schemas are dropped, never an error (SPEC §4); their names are logged. */
  private logIgnored(names: readonly string[]): void {
    if (names.length > 0) this.logger.log({ ignoredAttributes: names }, 'Ignored unknown SCIM attributes');
  }
}

/** Ids are UUIDs: anything else cannot exist, so it is 404 without asking membership. */
function parseUserId(id: string): string {
  if (!isUUID(id)) throw userNotFound(id);
  return id.toLowerCase();
}

/** RFC 7644 §3.5.2: the resource is returned after a PATCH only when the client asks for attributes. */
function wantsResource(query: ScimQuery): boolean {
  const { attributes, excludedAttributes } = parseListQuery(query);
  return attributes !== undefined || excludedAttributes !== undefined;
}
