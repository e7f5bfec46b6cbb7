import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PROVISIONING_METHODS,
  PROVISIONING_OUTCOMES,
  type ProvisioningLogRecord,
  type ProvisioningOutcome,
} from '@roster/contracts';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  SCIM_LOG_RESOURCE_TYPES,
  scimResourceTypeOf,
  type ScimLogResourceType,
} from '../../scim/provisioning/scim-resource-types';

const LIMIT_MESSAGE = 'limit must be a whole number from 1 to 500';

export class ProvisioningLogQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z' })
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z' })
  until?: string;

  @ApiPropertyOptional({ enum: PROVISIONING_OUTCOMES })
  @IsOptional()
  @IsIn(PROVISIONING_OUTCOMES, { message: `outcome must be one of: ${PROVISIONING_OUTCOMES.join(', ')}` })
  outcome?: ProvisioningOutcome;

  @ApiPropertyOptional({ enum: PROVISIONING_METHODS })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsIn(PROVISIONING_METHODS, { message: `method must be one of: ${PROVISIONING_METHODS.join(', ')}` })
  method?: string;

  @ApiPropertyOptional({ enum: SCIM_LOG_RESOURCE_TYPES, description: 'Also accepts endpoint names (Users).' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (scimResourceTypeOf(value) ?? value) : value,
  )
  @IsIn(SCIM_LOG_RESOURCE_TYPES, {
    message: `resourceType must be one of: ${SCIM_LOG_RESOURCE_TYPES.join(', ')}`,
  })
  resourceType?: ScimLogResourceType;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(500, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class ProvisioningLogEntryView implements ProvisioningLogRecord {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time', description: 'When the request arrived.' }) at!: string;
  @ApiProperty({ description: 'The gateway request id, as in its logs.' }) requestId!: string;
  @ApiProperty({ example: 'okta', description: 'okta, entra, jumpcloud, onelogin or unknown.' }) idp!: string;
  @ApiProperty({ example: 'PATCH' }) method!: string;
  @ApiProperty({ example: '/scim/v2/…/Users/…', description: 'Without the query string.' }) path!: string;
  @ApiProperty({ type: String, nullable: true, enum: SCIM_LOG_RESOURCE_TYPES }) resourceType!: string | null;
  @ApiProperty({ type: String, nullable: true }) resourceId!: string | null;
  @ApiProperty({ enum: PROVISIONING_OUTCOMES }) outcome!: ProvisioningOutcome;
  @ApiProperty({ example: 204 }) status!: number;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ type: [String], description: 'What the IdP should fix that did not fail the request.' })
  warnings!: string[];
}

/** Newest first. */
export class ProvisioningLogPageView {
  @ApiProperty({ type: [ProvisioningLogEntryView] }) entries!: ProvisioningLogEntryView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
