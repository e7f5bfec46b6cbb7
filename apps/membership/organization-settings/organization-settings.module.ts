import { Module } from '@nestjs/common';
import { OrganizationSettingsRepository } from './organization-settings.repository';
import { OrganizationSettingsRpcController } from './organization-settings.rpc-controller';
import { OrganizationSettingsService } from './organization-settings.service';

/** Organization settings of the onboarding flow (SPEC §7): auto-confirm and admin contact addresses. */
@Module({
  controllers: [OrganizationSettingsRpcController],
  providers: [OrganizationSettingsRepository, OrganizationSettingsService],
  exports: [OrganizationSettingsRepository],
})
export class OrganizationSettingsModule {}
