import { Injectable, Logger } from '@nestjs/common';
import type { GroupMemberRef, GroupRecord } from '@roster/contracts';
import {
  GROUP_RESOURCE,
  entityTagMatches,
  formatVersion,
  groupPatchToChange,
  groupRecordToResource,
  groupResourceToReplacement,
  groupResourceToWrite,
  isUserId,
  listResponse,
  parseEntityTag,
  parseFilter,
  parseListQuery,
  parsePatchRequest,
  parseSearchRequest,
  projectResource,
  projectionIncludesMembers,
  resolveFilter,
  resolveSort,
  type ListQuery,
  type QueryParameters,
} from '@roster/scim';
import type { FastifyRequest } from 'fastify';
import { addProvisioningWarning } from '../provisioning/provisioning-warnings';
import type { ScimPreconditions } from '../scim-params';
import type { ScimResult } from '../scim-result';
import { ScimUrls } from '../scim-urls';
import { groupNotFound, groupPreconditionFailed } from './group-errors';
import { MembershipGroupsClient } from './membership-groups.client';

export type ScimQuery = QueryParameters;

/** How many skipped member ids one warning lists (the log keeps 500 characters); the rest are counted. */
const WARNING_IDS = 10;

/**
 * SCIM Groups (RFC 7644 §3.3–§3.6, SPEC §5): libs/scim parses every request form into a set-based
 * change, membership applies it in one transaction; this class adds preconditions, member loading
 * (only when the response shows members), projection, headers, and the provisioning-log warning for
 * member ids that were skipped.
 */
@Injectable()
export class ScimGroupsService {
  private readonly logger = new Logger(ScimGroupsService.name);

  constructor(
    private readonly groups: MembershipGroupsClient,
    private readonly urls: ScimUrls,
  ) {}

  /** RFC 7644 §3.3: 201 with the resource, `Location` and `ETag`. */
  async create(organizationId: string, body: unknown, query: ScimQuery, request: FastifyRequest) {
    const { write, skippedMemberValues, ignored } = groupResourceToWrite(body);
    this.logIgnored(ignored);
    const result = await this.groups.create(organizationId, write);
    warnSkipped(request, [...skippedMemberValues, ...result.skippedMemberIds]);
    const created = await this.resourceResult(201, result.group, query);
    return { ...created, headers: { ...created.headers, location: this.location(result.group) } };
  }

  /** RFC 7644 §3.4.1: 200 with the resource, or 304 when If-None-Match names its version. */
  async get(organizationId: string, id: string, query: ScimQuery, conditions: ScimPreconditions) {
    const group = await this.groups.get(organizationId, parseGroupId(id));
    const ifNoneMatch = parseEntityTag(conditions.ifNoneMatch);
    if (ifNoneMatch !== null && entityTagMatches(ifNoneMatch, group.version)) {
      return { status: 304, headers: { etag: formatVersion(group.version) } };
    }
    return this.resourceResult(200, group, query);
  }

  /** RFC 7644 §3.4.2: GET /Groups with filter, sort, paging and projection. */
  list(organizationId: string, query: ScimQuery): Promise<ScimResult> {
    return this.query(organizationId, parseListQuery(query));
  }

  /** RFC 7644 §3.4.3: POST /Groups/.search. */
  search(organizationId: string, body: unknown): Promise<ScimResult> {
    return this.query(organizationId, parseSearchRequest(body));
  }

  /** RFC 7644 §3.5.1, SPEC §5: replaces displayName and externalId, and members when present. */
  async replace(
    organizationId: string,
    id: string,
    body: unknown,
    query: ScimQuery,
    conditions: ScimPreconditions,
    request: FastifyRequest,
  ): Promise<ScimResult> {
    const groupId = parseGroupId(id);
    const { write, skippedMemberValues, ignored } = groupResourceToReplacement(body);
    this.logIgnored(ignored);
    const expectedVersion = await this.expectedVersion(organizationId, groupId, conditions);
    const result = await this.groups.update(organizationId, groupId, write, expectedVersion);
    warnSkipped(request, [...skippedMemberValues, ...result.skippedMemberIds]);
    return this.resourceResult(200, result.group, query);
  }

  /**
   * RFC 7644 §3.5.2: the operations become one set-based change applied atomically by membership —
   * no read-modify-write here, so concurrent PATCHes lose nothing. 204 with the new ETag, or 200 with
   * the resource when `attributes`/`excludedAttributes` ask for it.
   */
  async patch(
    organizationId: string,
    id: string,
    body: unknown,
    query: ScimQuery,
    conditions: ScimPreconditions,
    request: FastifyRequest,
  ): Promise<ScimResult> {
    const operations = parsePatchRequest(body);
    const groupId = parseGroupId(id);
    const { change, skippedMemberValues, ignored } = groupPatchToChange(operations, groupId);
    this.logIgnored(ignored);
    const expectedVersion = await this.expectedVersion(organizationId, groupId, conditions);
    const result = await this.groups.update(organizationId, groupId, change, expectedVersion);
    warnSkipped(request, [...skippedMemberValues, ...result.skippedMemberIds]);
    const { attributes, excludedAttributes } = parseListQuery(query);
    if (attributes === undefined && excludedAttributes === undefined) {
      return { status: 204, headers: { etag: formatVersion(result.group.version) } };
    }
    return this.resourceResult(200, result.group, query);
  }

  /** RFC 7644 §3.6: 204; every later request on the id is 404. The users stay in the organization. */
  async delete(organizationId: string, id: string, conditions: ScimPreconditions): Promise<ScimResult> {
    const groupId = parseGroupId(id);
    const expectedVersion = await this.expectedVersion(organizationId, groupId, conditions);
    await this.groups.delete(organizationId, groupId, expectedVersion);
    return { status: 204 };
  }

  private async query(organizationId: string, listQuery: ListQuery): Promise<ScimResult> {
    const { filter, sortBy, sortOrder, startIndex, count } = listQuery;
    const list = await this.groups.query({
      organizationId,
      filter: filter === undefined ? undefined : resolveFilter(parseFilter(filter), GROUP_RESOURCE),
      sort: sortBy === undefined ? undefined : resolveSort(sortBy, sortOrder, GROUP_RESOURCE),
      startIndex,
      count,
    });
    const members = await this.membersFor(organizationId, list.items, listQuery);
    const resources = list.items.map((group) =>
      projectResource(this.toResource(group, membersOfGroup(members, group.id)), GROUP_RESOURCE, listQuery),
    );
    return { status: 200, body: listResponse(resources, list.totalResults, startIndex) };
  }

  private async resourceResult(status: number, group: GroupRecord, query: ScimQuery): Promise<ScimResult> {
    const projection = parseListQuery(query);
    const members = await this.membersFor(group.organizationId, [group], projection);
    const resource = this.toResource(group, membersOfGroup(members, group.id));
    return {
      status,
      body: projectResource(resource, GROUP_RESOURCE, projection),
      headers: { etag: formatVersion(group.version) },
    };
  }

  /** Members of the groups when the response shows them; undefined when it does not. */
  private async membersFor(
    organizationId: string,
    groups: readonly GroupRecord[],
    projection: ListQuery,
  ): Promise<Map<string, GroupMemberRef[]> | undefined> {
    if (!projectionIncludesMembers(projection)) return undefined;
    const withMembers = groups.filter((group) => group.memberCount > 0).map((group) => group.id);
    return this.groups.membersOf(organizationId, withMembers);
  }

  /** The version membership must find for a conditional write (RFC 7644 §3.14), as for Users. */
  private async expectedVersion(
    organizationId: string,
    id: string,
    conditions: ScimPreconditions,
  ): Promise<number | undefined> {
    const condition = parseEntityTag(conditions.ifMatch);
    if (condition === null || condition === '*') return undefined;
    if (condition.length === 1) return condition[0];
    if (condition.length === 0) throw groupPreconditionFailed(id);
    const current = await this.groups.get(organizationId, id);
    if (!entityTagMatches(condition, current.version)) throw groupPreconditionFailed(id);
    return current.version;
  }

  private toResource(group: GroupRecord, members: GroupMemberRef[] | undefined): Record<string, unknown> {
    return groupRecordToResource(group, members, this.urls.organizationBase(group.organizationId));
  }

  private location(group: GroupRecord): string {
    return `${this.urls.organizationBase(group.organizationId)}${GROUP_RESOURCE.endpoint}/${group.id}`;
  }

  /** Unknown attributes are dropped, never an error (SPEC §4); their names are logged. */
  private logIgnored(names: readonly string[]): void {
    if (names.length > 0) this.logger.log({ ignoredAttributes: names }, 'Ignored unknown SCIM attributes');
  }
}

/** A group's loaded members ([] for one without), or undefined when members were not loaded. */
function membersOfGroup(
  members: Map<string, GroupMemberRef[]> | undefined,
  groupId: string,
): GroupMemberRef[] | undefined {
  return members === undefined ? undefined : (members.get(groupId) ?? []);
}

/** Ids are UUIDs: anything else cannot exist, so it is 404 without asking membership. */
function parseGroupId(id: string): string {
  if (!isUserId(id)) throw groupNotFound(id);
  return id.toLowerCase();
}

/**
 * SPEC §5: member ids that are unknown or of another organization were skipped, not failed — the IdP
 * must not retry a whole group for one stale reference — and the provisioning log says which.
 */
function warnSkipped(request: FastifyRequest, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const shown = ids.slice(0, WARNING_IDS).map((id) => (id.length > 64 ? `${id.slice(0, 64)}…` : id));
  const more = ids.length > WARNING_IDS ? ` and ${ids.length - WARNING_IDS} more` : '';
  addProvisioningWarning(
    request,
    `${ids.length} group member id(s) skipped: no user with that id in this organization: ${shown.join(', ')}${more}`,
  );
}
