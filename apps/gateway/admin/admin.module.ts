import { Module } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { GroupsController } from './groups.controller';
import { GroupsAdminService } from './groups.service';
import { MembershipGroupsClient } from '../scim/groups/membership-groups.client';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { ProvisioningLogController } from './provisioning-log.controller';
import { ProvisioningLogService } from './provisioning-log.service';
import { ScimKeysController } from './scim-keys.controller';
import { ScimKeysService } from './scim-keys.service';
import { MemberOnboardingController } from './member-onboarding.controller';
import { MemberOnboardingService } from './member-onboarding.service';
import { OrganizationSettingsController } from './organization-settings.controller';

/** The admin API under `/api` (SPEC §1), authenticated with ADMIN_TOKEN. */
@Module({
  controllers: [
    OrganizationsController,
    ScimKeysController,
    ProvisioningLogController,
    GroupsController,
    MemberOnboardingController,
    OrganizationSettingsController,
  ],
  providers: [
    OrganizationsService,
    AdminAuthGuard,
    ScimKeysService,
    ProvisioningLogService,
    GroupsAdminService,
    MembershipGroupsClient,
    MemberOnboardingService,
  ],
  // The console renders what the API returns, through the same services.
  exports: [
    OrganizationsService,
    ScimKeysService,
    ProvisioningLogService,
    GroupsAdminService,
    MemberOnboardingService,
  ],
})
export class AdminModule {}
