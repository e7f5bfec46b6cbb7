import { Body, Controller, Get, HttpCode, Param, Put, UseGuards, UsePipes } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { adminValidationPipe, OrganizationIdPipe } from './admin-request.pipes';
import { OrganizationSettingsView, UpdateOrganizationSettingsDto } from './dto/member-onboarding.dto';
import { MemberOnboardingService } from './member-onboarding.service';
import { AdminApiController, AdminOperation } from './openapi/admin-api.docs';

/** How an organization onboards members (SPEC §7): auto-confirm and the admin addresses told of acceptances. */
@Controller('api/organizations/:id/settings')
@UseGuards(AdminAuthGuard)
@UsePipes(adminValidationPipe)
@AdminApiController('organizations')
export class OrganizationSettingsController {
  constructor(private readonly onboarding: MemberOnboardingService) {}

  @Get()
  @AdminOperation({ summary: 'Read the onboarding settings', ok: OrganizationSettingsView, errors: ['404'] })
  get(@Param('id', OrganizationIdPipe) id: string) {
    return this.onboarding.settings(id);
  }

  @Put()
  @HttpCode(200)
  @AdminOperation({
    summary: 'Change the onboarding settings (fields left out keep their value)',
    ok: OrganizationSettingsView,
    errors: ['400', '404'],
  })
  update(@Param('id', OrganizationIdPipe) id: string, @Body() body: UpdateOrganizationSettingsDto) {
    return this.onboarding.updateSettings(id, {
      autoConfirm: body.autoConfirm,
      adminEmails: body.adminEmails,
    });
  }
}
