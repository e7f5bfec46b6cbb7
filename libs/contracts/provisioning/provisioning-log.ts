import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** How a SCIM request ended, as admins filter the provisioning log (SPEC §1). */
export const ProvisioningOutcome = Object.freeze({
  success: 'success',
  clientError: 'client_error',
  serverError: 'server_error',
  /** 503: a dependency was down; the IdP retries. */
  unavailable: 'unavailable',
} as const);
export type ProvisioningOutcome = (typeof ProvisioningOutcome)[keyof typeof ProvisioningOutcome];
export const PROVISIONING_OUTCOMES: readonly ProvisioningOutcome[] = Object.values(ProvisioningOutcome);

export const PROVISIONING_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Longest path kept; longer ones are cut (an id is never this long). */
export const PROVISIONING_PATH_MAX = 512;
export const PROVISIONING_WARNINGS_MAX = 20;
export const PROVISIONING_WARNING_MAX_LENGTH = 500;
/** Entries per record message: a flush of a busy gateway stays far below NATS max_payload. */
export const PROVISIONING_BATCH_MAX = 500;

/**
 * One SCIM request, as the gateway saw it. Never a secret, a filter value or a body: only the path
 * without its query string, what the path names, and how the request ended.
 */
export class ProvisioningLogEntry {
  /** Minted by the gateway: a batch sent twice (a timeout, then a retry) is stored once. */
  @IsUUID() id!: string;
  @IsUUID() organizationId!: string;
  /** When the request arrived (ISO 8601). */
  @IsISO8601({ strict: true }) at!: string;
  @IsString() @MaxLength(100) requestId!: string;
  /** The IdP detected from the headers (`okta`, `entra`, ..., `unknown`). */
  @IsString() @MaxLength(40) idp!: string;
  @IsString() @MaxLength(10) method!: string;
  @IsString() @MaxLength(PROVISIONING_PATH_MAX) path!: string;
  /** `User`, `Group`, `ServiceProviderConfig`, ...; null when the path names no resource type. */
  @IsOptional() @IsString() @MaxLength(60) resourceType?: string | null;
  @IsOptional() @IsString() @MaxLength(200) resourceId?: string | null;
  @IsIn(PROVISIONING_OUTCOMES) outcome!: ProvisioningOutcome;
  @IsInt() @Min(100) @Max(599) status!: number;
  @IsInt() @Min(0) durationMs!: number;
  @IsArray()
  @ArrayMaxSize(PROVISIONING_WARNINGS_MAX)
  @IsString({ each: true })
  @MaxLength(PROVISIONING_WARNING_MAX_LENGTH, { each: true })
  warnings!: string[];
}

export class RecordProvisioningLogRequest {
  @IsArray()
  @ArrayMaxSize(PROVISIONING_BATCH_MAX)
  @ValidateNested({ each: true })
  @Type(() => ProvisioningLogEntry)
  entries!: ProvisioningLogEntry[];
}

export interface ProvisioningLogRecorded {
  /** Entries stored now: not those already stored, nor those of organizations that do not exist. */
  stored: number;
}

export class QueryProvisioningLogRequest {
  @IsUUID() organizationId!: string;
  /** Inclusive lower bound of `at`. */
  @IsOptional() @IsISO8601({ strict: true }) since?: string;
  /** Exclusive upper bound of `at`. */
  @IsOptional() @IsISO8601({ strict: true }) until?: string;
  @IsOptional() @IsIn(PROVISIONING_OUTCOMES) outcome?: ProvisioningOutcome;
  @IsOptional() @IsIn(PROVISIONING_METHODS) method?: string;
  @IsOptional() @IsString() @MaxLength(60) resourceType?: string;
  @IsOptional() @IsInt() @Min(1) @Max(500) limit?: number;
  /** The previous page's `nextCursor`. */
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export interface ProvisioningLogRecord {
  id: string;
  at: string;
  requestId: string;
  idp: string;
  method: string;
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: ProvisioningOutcome;
  status: number;
  durationMs: number;
  warnings: string[];
}

/** Newest first. */
export interface ProvisioningLogPage {
  entries: ProvisioningLogRecord[];
  nextCursor: string | null;
}
