import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { MemberStatus } from './member-status';

/**
 * An invitation as a verified token names it (the gateway checks the signature and expiry first):
 * membership then checks that this issue (nonce) is the member's current one and still open.
 */
export class InvitationClaimRequest {
  @IsUUID() organizationId!: string;
  @IsUUID() memberId!: string;
  @IsString() @MinLength(1) @MaxLength(320) email!: string;
  @IsString() @MinLength(1) @MaxLength(64) nonce!: string;
}

/** What the accept page shows: whose invitation, to which organization. */
export interface InvitationView {
  organizationName: string;
  email: string;
}

/** The result of accepting: Accepted, or Confirmed at once when the organization auto-confirms. */
export interface InvitationAcceptance extends InvitationView {
  status: Extract<MemberStatus, 'accepted' | 'confirmed'>;
}

/** An admin command on one member (confirm, resend the invitation). */
export class MemberRef {
  @IsUUID() organizationId!: string;
  @IsUUID() memberId!: string;
}

/** A member after an admin command on its onboarding. */
export interface MemberOnboardingRecord {
  id: string;
  userName: string;
  email: string | null;
  status: MemberStatus;
  /** When the outstanding invitation link stops working; null once accepted. */
  invitationExpiresAt: string | null;
}
