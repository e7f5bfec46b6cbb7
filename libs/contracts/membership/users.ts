import { Type } from 'class-transformer';
import {
  IsBoolean,
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
import { MemberStatus } from './member-status';

/**
 * What the gateway asks membership to store for a user, mapped from a SCIM User by libs/scim.
 * `attributes` is the resource's schema attributes exactly as the IdP sent them (no id, meta,
 * password or groups); the typed fields are the ones membership indexes and acts on.
 */
export class UserWrite {
  @IsString() @MinLength(1) @MaxLength(512) userName!: string;
  @IsOptional() @IsString() @MaxLength(512) externalId?: string | null;
  /** Where invitations go (SPEC §4 rule), lower-cased; null when the user has no address. */
  @IsOptional() @IsString() @MaxLength(320) email?: string | null;
  @IsOptional() @IsString() @MaxLength(512) displayName?: string | null;
  @IsOptional() @IsString() @MaxLength(512) givenName?: string | null;
  @IsOptional() @IsString() @MaxLength(512) familyName?: string | null;
  /** Absent on create means true; absent on replace means "leave as it is" (SPEC §4). */
  @IsOptional() @IsBoolean() active?: boolean;
  @IsObject() attributes!: Record<string, unknown>;
}

export class CreateUserRequest {
  @IsUUID() organizationId!: string;
  @ValidateNested() @Type(() => UserWrite) user!: UserWrite;
}

export class GetUserRequest {
  @IsUUID() organizationId!: string;
  @IsString() id!: string;
}

export class ReplaceUserRequest {
  @IsUUID() organizationId!: string;
  @IsString() id!: string;
  /** Replace only if the stored version is this one (If-Match, or a PATCH's read-modify-write). */
  @IsOptional() @IsInt() expectedVersion?: number;
  @ValidateNested() @Type(() => UserWrite) user!: UserWrite;
}

export class DeleteUserRequest {
  @IsUUID() organizationId!: string;
  @IsString() id!: string;
  @IsOptional() @IsInt() expectedVersion?: number;
}

export class QueryUsersRequest {
  @IsUUID() organizationId!: string;
  @IsOptional() @IsObject() filter?: QueryExpr;
  @IsOptional() @IsObject() sort?: SortSpec;
  /** 1-based. */
  @IsInt() @Min(1) startIndex!: number;
  /** 0 returns only the total. */
  @IsInt() @Min(0) @Max(1000) count!: number;
}

export interface UserRecord {
  id: string;
  organizationId: string;
  userName: string;
  externalId: string | null;
  email: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  status: MemberStatus;
  /** True for Invited, Accepted and Confirmed; false for Revoked. */
  active: boolean;
  attributes: Record<string, unknown>;
  /** Ids and display names of the groups the user belongs to. */
  groups: { id: string; displayName: string }[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserList {
  totalResults: number;
  items: UserRecord[];
}

export const USER_STATUSES_ACTIVE: readonly MemberStatus[] = [
  MemberStatus.invited,
  MemberStatus.accepted,
  MemberStatus.confirmed,
];
