import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MAX_ADMIN_EMAILS,
  MEMBER_STATUSES,
  type MemberOnboardingRecord,
  type MemberStatus,
  type OrganizationSettings,
} from '@roster/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsOptional, MaxLength } from 'class-validator';

/** PUT /api/organizations/:id/settings: fields left out keep their value. */
export class UpdateOrganizationSettingsDto {
  @ApiPropertyOptional({
    description: 'Accepting an invitation confirms the member at once, without an admin.',
  })
  @IsOptional()
  @IsBoolean({ message: 'autoConfirm must be true or false' })
  autoConfirm?: boolean;

  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_ADMIN_EMAILS,
    example: ['it@acme.example'],
    description: 'Addresses told when a member accepts an invitation (replaces the list; [] clears it).',
  })
  @IsOptional()
  @IsArray({ message: 'adminEmails must be a list of email addresses' })
  @ArrayMaxSize(MAX_ADMIN_EMAILS, { message: `adminEmails may hold at most ${MAX_ADMIN_EMAILS} addresses` })
  @IsEmail({}, { each: true, message: 'each entry of adminEmails must be an email address' })
  @MaxLength(320, { each: true, message: 'each entry of adminEmails must be at most 320 characters' })
  adminEmails?: string[];
}

export class OrganizationSettingsView implements OrganizationSettings {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() autoConfirm!: boolean;
  @ApiProperty({ type: [String], description: 'Lower-cased; empty: nobody is emailed.' })
  adminEmails!: string[];
}

/** A member after confirm or resend. */
export class MemberOnboardingView implements MemberOnboardingRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() userName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: MEMBER_STATUSES }) status!: MemberStatus;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the outstanding invitation link stops working; null once accepted.',
  })
  invitationExpiresAt!: string | null;
}
