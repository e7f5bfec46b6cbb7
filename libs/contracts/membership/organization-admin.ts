import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { OrganizationRecord } from './organizations';

export class RenameOrganizationRequest {
  @IsUUID() organizationId!: string;
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
}

/** Organizations oldest first, a page at a time (keyset: `cursor` is the previous page's `nextCursor`). */
export class ListOrganizationsRequest {
  @IsOptional() @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export interface OrganizationPage {
  organizations: OrganizationRecord[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** What deleting an organization removed, for the admin and the audit log. */
export interface OrganizationDeletion {
  organizationId: string;
  name: string;
  members: number;
  groups: number;
  scimKeys: number;
  /** Emails not yet sent that will now never be (unrelayed outbox rows and queued or retrying jobs). */
  cancelledEmails: number;
}
