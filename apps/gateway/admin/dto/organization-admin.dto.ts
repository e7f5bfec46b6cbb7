import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OrganizationDoc } from './organization.views';

const trimmed = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export class RenameOrganizationDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Acme Corporation' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name!: string;
}

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  limit?: number;

  @ApiPropertyOptional({ description: "The previous page's nextCursor." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class OrganizationListItemDoc extends OrganizationDoc {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** Organizations oldest first. */
export class OrganizationListView {
  @ApiProperty({ type: [OrganizationListItemDoc] }) organizations!: OrganizationListItemDoc[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}

/** What deleting an organization removed. */
export class OrganizationDeletionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() members!: number;
  @ApiProperty() groups!: number;
  @ApiProperty() scimKeys!: number;
  @ApiProperty({ description: 'Emails not yet sent that never will be.' }) cancelledEmails!: number;
}
