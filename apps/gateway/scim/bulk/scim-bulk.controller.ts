import { Controller, Post, UseGuards } from '@nestjs/common';
import { ScimError } from '@roster/scim';
import { ScimAuthGuard } from '../auth/scim-auth.guard';

/** RFC 7644 §3.7: Bulk is optional; Roster does not advertise it, so it answers 501 (SPEC §3). */
@Controller('scim/v2/:organizationId/Bulk')
@UseGuards(ScimAuthGuard)
export class ScimBulkController {
  @Post()
  bulk(): never {
    throw new ScimError(501, 'Bulk operations are not supported.');
  }
}
