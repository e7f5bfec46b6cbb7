import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_SCIM_KEY_ROTATION_OVERLAP_HOURS } from '@roster/contracts';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const OVERLAP_MESSAGE = `overlapHours must be a whole number from 0 to ${MAX_SCIM_KEY_ROTATION_OVERLAP_HOURS}`;

export class RotateScimKeyDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_SCIM_KEY_ROTATION_OVERLAP_HOURS,
    description:
      'Hours the old key keeps working (0 = it stops at once). Default: SCIM_KEY_ROTATION_OVERLAP_HOURS (24).',
  })
  @IsOptional()
  @IsInt({ message: OVERLAP_MESSAGE })
  @Min(0, { message: OVERLAP_MESSAGE })
  @Max(MAX_SCIM_KEY_ROTATION_OVERLAP_HOURS, { message: OVERLAP_MESSAGE })
  overlapHours?: number;
}

export const SCIM_KEY_STATES = ['active', 'expiring', 'expired', 'revoked'] as const;
export type ScimKeyState = (typeof SCIM_KEY_STATES)[number];

/** A key as admins see it after issue: never the secret, never its digest. */
export class ScimKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'roster_scim_7Qx2', description: 'The first characters, to tell keys apart.' })
  displayPrefix!: string;
  @ApiProperty({
    enum: SCIM_KEY_STATES,
    description: 'expiring: rotated, works until expiresAt; expired and revoked keys no longer work.',
  })
  state!: ScimKeyState;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'To the minute.' })
  lastUsedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
}

export class ScimKeyListView {
  @ApiProperty({ type: [ScimKeyView], description: 'Newest first.' }) keys!: ScimKeyView[];
}

/** A rotation: the new key's secret, shown only here, and the old key with the end of its overlap. */
export class RotatedScimKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    description:
      'The new secret, shown only in this response. This API key has access to manage users within your organization. It should be kept secret.',
  })
  key!: string;
  @ApiProperty() displayPrefix!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: ScimKeyView }) previousKey!: ScimKeyView;
}
