import { Module } from '@nestjs/common';
import { OrganizationSettingsModule } from '../organization-settings/organization-settings.module';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsRpcController } from './invitations.rpc-controller';
import { MemberOnboardingService } from './member-onboarding.service';

/** Invite → Accept → Confirm (SPEC §7): the accept page's checks, accepting once, confirm and resend. */
@Module({
  imports: [OrganizationSettingsModule],
  controllers: [InvitationsRpcController],
  providers: [InvitationsRepository, InvitationAcceptanceService, MemberOnboardingService],
})
export class InvitationsModule {}
