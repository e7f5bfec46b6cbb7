import { ApiProperty } from '@nestjs/swagger';

export class GroupMemberView {
  @ApiProperty({ format: 'uuid', description: 'The member (SCIM User) id.' }) id!: string;
  @ApiProperty() userName!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
}

/** A group as the admin sees it (SPEC §1): its name, the IdP's id for it, and its members. */
export class GroupView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true, description: "The IdP's id for the group, as sent." })
  externalId!: string | null;
  @ApiProperty() memberCount!: number;
  @ApiProperty({ type: [GroupMemberView] }) members!: GroupMemberView[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class GroupListView {
  @ApiProperty({ type: [GroupView] }) groups!: GroupView[];
}
