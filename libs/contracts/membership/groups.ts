import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { QueryExpr, SortSpec } from '../query/query-expr';

/** Most member ids one request may name (a 1 MB SCIM body holds about 25,000). */
export const MAX_GROUP_MEMBER_IDS = 100_000;

/**
 * A change to a group, as set operations (SPEC §5, DESIGN.md §4): libs/scim folds every PUT and PATCH
 * form IdPs send into one of these, so membership never sees SCIM and never reads a member list to
 * change it. Absent fields are left as they are.
 *
 * Members: either `replaceMembers` (the group holds exactly these afterwards), or `addMembers` and
 * `removeMembers` (disjoint). Ids are user ids of the group's organization; membership skips any
 * other id and reports it in `skippedMemberIds`.
 */
export class GroupChange {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(512) displayName?: string;
  /** A string sets it, null clears it (RFC 7643: externalId is the client's, never invented). */
  @IsOptional() @IsString() @MaxLength(512) externalId?: string | null;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GROUP_MEMBER_IDS)
  @IsUUID('all', { each: true })
  replaceMembers?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GROUP_MEMBER_IDS)
  @IsUUID('all', { each: true })
  addMembers?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_GROUP_MEMBER_IDS)
  @IsUUID('all', { each: true })
  removeMembers?: string[];
}

/** What a new group is made of (a SCIM POST). */
export class GroupWrite {
  @IsString() @MinLength(1) @MaxLength(512) displayName!: string;
  @IsOptional() @IsString() @MaxLength(512) externalId?: string | null;
  @IsArray() @ArrayMaxSize(MAX_GROUP_MEMBER_IDS) @IsUUID('all', { each: true }) members!: string[];
}

export class CreateGroupRequest {
  @IsUUID() organizationId!: string;
  @ValidateNested() @Type(() => GroupWrite) group!: GroupWrite;
}

export class GetGroupRequest {
  @IsUUID() organizationId!: string;
  @IsUUID() id!: string;
}

export class UpdateGroupRequest {
  @IsUUID() organizationId!: string;
  @IsUUID() id!: string;
  /** Apply only if the stored version is this one (If-Match); else version_mismatch. */
  @IsOptional() @IsInt() expectedVersion?: number;
  @ValidateNested() @Type(() => GroupChange) change!: GroupChange;
}

export class DeleteGroupRequest {
  @IsUUID() organizationId!: string;
  @IsUUID() id!: string;
  @IsOptional() @IsInt() expectedVersion?: number;
}

export class QueryGroupsRequest {
  @IsUUID() organizationId!: string;
  @IsOptional() @IsObject() filter?: QueryExpr;
  @IsOptional() @IsObject() sort?: SortSpec;
  /** 1-based. */
  @IsInt() @Min(1) startIndex!: number;
  /** 0 returns only the total. */
  @IsInt() @Min(0) @Max(1000) count!: number;
}

/** Where a page of group members ends: the next page starts after this (group, member) pair. */
export class GroupMembersCursor {
  @IsUUID() groupId!: string;
  @IsUUID() memberId!: string;
}

/**
 * The members of some groups, one bounded page at a time: a 10,000-member group (or a list of big
 * groups) never has to fit in one bus message (DESIGN.md §3).
 */
export class ListGroupMembersRequest {
  @IsUUID() organizationId!: string;
  @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) groupIds!: string[];
  @IsOptional() @ValidateNested() @Type(() => GroupMembersCursor) after?: GroupMembersCursor;
}

export class ListGroupsRequest {
  @IsUUID() organizationId!: string;
}

export interface GroupRecord {
  id: string;
  organizationId: string;
  displayName: string;
  externalId: string | null;
  memberCount: number;
  /** Bumped on every change, member changes included; the gateway's meta.version / ETag. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A group after a command, and the member ids it was asked to take but did not (SPEC §5). */
export interface GroupCommandResult {
  group: GroupRecord;
  /** Unknown ids and ids of another organization's users: never added, reported as a warning. */
  skippedMemberIds: string[];
}

export interface GroupList {
  totalResults: number;
  items: GroupRecord[];
}

/** One member of one group: the user's id and the names to show for it. */
export interface GroupMemberRef {
  groupId: string;
  memberId: string;
  userName: string;
  displayName: string | null;
}

export interface GroupMembersPage {
  members: GroupMemberRef[];
  /** Pass as `after` for the next page; null on the last. */
  next: GroupMembersCursor | null;
}
