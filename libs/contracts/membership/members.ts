import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { MEMBER_STATUSES, type MemberStatus } from './member-status';

export class ListMembersRequest {
  @IsUUID() organizationId!: string;
  @IsOptional() @IsIn(MEMBER_STATUSES) status?: MemberStatus;
}

export type DeliveryState = 'queued' | 'sent' | 'retrying' | 'bounced';

/** A member as the admin sees it: status and the delivery state of the last email sent to them. */
export interface MemberSummary {
  id: string;
  userName: string;
  email: string | null;
  displayName: string | null;
  status: MemberStatus;
  statusBeforeRevoke: MemberStatus | null;
  externalId: string | null;
  createdAt: string;
  updatedAt: string;
  lastEmail: { kind: string; state: DeliveryState; updatedAt: string; detail: string | null } | null;
  /** The groups the member belongs to, by display name. */
  groups: { id: string; displayName: string }[];
}
