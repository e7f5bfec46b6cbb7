import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class CreateOrganizationRequest {
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
}

export class OrganizationRef {
  @IsUUID() organizationId!: string;
}

export class UpdateScimSettingsRequest {
  @IsUUID() organizationId!: string;
  @IsBoolean() enabled!: boolean;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  scimEnabled: boolean;
  createdAt: string;
}

export class IssueScimKeyRequest {
  @IsUUID() organizationId!: string;
  /** Key prefix shown to admins (the first characters after the fixed prefix), never the secret. */
  @IsString() @MaxLength(64) displayPrefix!: string;
  /** Lower-case hex SHA-256 of the whole key; membership stores only this. */
  @IsString() @MinLength(64) @MaxLength(64) digest!: string;
}

export interface ScimKeyRecord {
  id: string;
  organizationId: string;
  displayPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** What the gateway needs to authenticate a SCIM request for one organization. */
export interface ScimCredentials {
  /** False also when the organization does not exist, so the gateway cannot tell the two apart. */
  enabled: boolean;
  keys: { id: string; digest: string }[];
}

export class ScimKeyUsedEvent {
  @IsUUID() organizationId!: string;
  @IsUUID() keyId!: string;
  @IsOptional() @IsString() at?: string;
}
