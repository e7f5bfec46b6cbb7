import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { ScimKeyRecord } from './organizations';

/** The longest overlap a rotation may give the old key (SPEC §1: configurable, 0 = at once). */
export const MAX_SCIM_KEY_ROTATION_OVERLAP_HOURS = 168;

export class ScimKeyRef {
  @IsUUID() organizationId!: string;
  @IsUUID() keyId!: string;
}

/**
 * Replaces `keyId` with a new key (minted by the gateway, sent as a digest like an issue). The old key
 * keeps working for `overlapHours` (membership's configured default when absent), so the admin can
 * update the IdP without a gap.
 */
export class RotateScimKeyRequest {
  @IsUUID() organizationId!: string;
  @IsUUID() keyId!: string;
  @IsString() @MaxLength(64) displayPrefix!: string;
  @IsString() @MinLength(64) @MaxLength(64) digest!: string;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_SCIM_KEY_ROTATION_OVERLAP_HOURS) overlapHours?: number;
}

export interface ScimKeyRotation {
  /** The new key's record (its secret only the gateway ever saw). */
  key: ScimKeyRecord;
  /** The rotated key, with the `expiresAt` that ends its overlap. */
  previous: ScimKeyRecord;
}
