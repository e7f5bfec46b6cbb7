import { Controller, Get, Param, Query, UseGuards, UsePipes } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { adminValidationPipe, OrganizationIdPipe } from './admin-request.pipes';
import { ProvisioningLogPageView, ProvisioningLogQueryDto } from './dto/provisioning-log.dto';
import { AdminApiController, AdminOperation } from './openapi/admin-api.docs';
import { ProvisioningLogService } from './provisioning-log.service';

/** What the organization's IdP asked of Roster, and how each request ended (SPEC §1). */
@Controller('api/organizations/:id/provisioning-log')
@UseGuards(AdminAuthGuard)
@UsePipes(adminValidationPipe)
@AdminApiController('provisioning log')
export class ProvisioningLogController {
  constructor(private readonly log: ProvisioningLogService) {}

  @Get()
  @AdminOperation({
    summary: 'SCIM requests, newest first',
    description:
      'Time, detected IdP, method, path (no query string), resource, outcome, status, duration and warnings. Never a key, a filter value or a body.',
    ok: ProvisioningLogPageView,
    errors: ['400', '404'],
  })
  query(@Param('id', OrganizationIdPipe) id: string, @Query() query: ProvisioningLogQueryDto) {
    return this.log.query(id, query);
  }
}
