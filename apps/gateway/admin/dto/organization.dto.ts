import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { MEMBER_STATUSES, type MemberStatus } from '@roster/contracts';

const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class CreateOrganizationDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Acme' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;
}

export class UpdateScimSettingsDto {
  @ApiProperty()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled!: boolean;
}

export class ListMembersQueryDto {
  @ApiPropertyOptional({ enum: MEMBER_STATUSES })
  @IsOptional()
  @IsIn(MEMBER_STATUSES, { message: `status must be one of: ${MEMBER_STATUSES.join(', ')}` })
  status?: MemberStatus;
}

/** An organization as the admin API shows it (SPEC §1): its SCIM URL is what the admin gives the IdP. */
export interface OrganizationView {
  id: string;
  name: string;
  scim: { enabled: boolean; url: string };
}

/** A newly issued SCIM key: the only response that ever contains the secret. */
export interface IssuedScimKeyView {
  id: string;
  key: string;
  createdAt: string;
}
