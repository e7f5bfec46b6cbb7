import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsOptional, IsUUID, MaxLength } from 'class-validator';

/** The most admin addresses an organization notifies (each notice is one email per address). */
export const MAX_ADMIN_EMAILS = 20;

/**
 * How an organization runs its onboarding (SPEC §7): whether accepting confirms at once, and which
 * addresses hear that someone accepted. Fields left out keep their value.
 */
export class UpdateOrganizationSettingsRequest {
  @IsUUID() organizationId!: string;
  @IsOptional() @IsBoolean() autoConfirm?: boolean;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ADMIN_EMAILS)
  @IsEmail({}, { each: true })
  @MaxLength(320, { each: true })
  adminEmails?: string[];
}

export interface OrganizationSettings {
  organizationId: string;
  /** Accepted members become Confirmed without an admin. */
  autoConfirm: boolean;
  /** Who is told that a member accepted; empty: nobody is emailed, the console still shows it. */
  adminEmails: string[];
}
