import { ApiProperty } from '@nestjs/swagger';
import {
  MEMBER_STATUSES,
  type DeliveryState,
  type MemberStatus,
  type MemberSummary,
} from '@roster/contracts';
import type { IssuedScimKeyView, OrganizationView } from './organization.dto';

// OpenAPI descriptions of the admin API's responses (SPEC §1). Each class implements the type the
// services return, so the document cannot drift from the code.

export class ScimSettingsDoc {
  @ApiProperty() enabled!: boolean;
  @ApiProperty({
    description: 'The SCIM base URL to paste into the IdP.',
    example: 'https://roster.example.com/scim/v2/3f0c…',
  })
  url!: string;
}

export class OrganizationDoc implements OrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Acme' }) name!: string;
  @ApiProperty({ type: ScimSettingsDoc }) scim!: ScimSettingsDoc;
}

export class IssuedScimKeyDoc implements IssuedScimKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    description:
      'The secret, shown only in this response. This API key has access to manage users within your organization. It should be kept secret.',
    example: 'roster_scim_…',
  })
  key!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class MemberGroupDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class LastEmailDoc {
  @ApiProperty({ example: 'invitation' }) kind!: string;
  @ApiProperty({ enum: ['queued', 'sent', 'retrying', 'bounced'] }) state!: DeliveryState;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'SMTP answer or error summary.' })
  detail!: string | null;
}

export class MemberDoc implements MemberSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() userName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty({ enum: MEMBER_STATUSES }) status!: MemberStatus;
  @ApiProperty({
    enum: MEMBER_STATUSES,
    nullable: true,
    description: 'The status a revoked member returns to.',
  })
  statusBeforeRevoke!: MemberStatus | null;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({
    type: LastEmailDoc,
    nullable: true,
    description: 'Delivery state of the last email sent to the member.',
  })
  lastEmail!: LastEmailDoc | null;
  @ApiProperty({ type: [MemberGroupDoc] }) groups!: MemberGroupDoc[];
}

export class MemberListDoc {
  @ApiProperty({ type: [MemberDoc] }) members!: MemberDoc[];
}

export class ApiErrorDoc {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({ example: 'Not Found' }) error!: string;
  @ApiProperty({ example: 'Organization not found.' }) message!: string;
}
