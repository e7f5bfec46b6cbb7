import { Injectable } from '@nestjs/common';
import {
  MembershipPatterns,
  type MemberOnboardingRecord,
  type MemberRef,
  type OrganizationRef,
  type OrganizationSettings,
  type UpdateOrganizationSettingsRequest,
} from '@roster/contracts';
import { MembershipClient } from '../membership/membership.client';

/** The admin's side of Invite → Accept → Confirm (SPEC §7): confirm, resend, onboarding settings. */
@Injectable()
export class MemberOnboardingService {
  constructor(private readonly membership: MembershipClient) {}

  confirm(organizationId: string, memberId: string): Promise<MemberOnboardingRecord> {
    const request: MemberRef = { organizationId, memberId };
    return this.membership.send(MembershipPatterns.membersConfirm, request);
  }

  resendInvitation(organizationId: string, memberId: string): Promise<MemberOnboardingRecord> {
    const request: MemberRef = { organizationId, memberId };
    return this.membership.send(MembershipPatterns.invitationsResend, request);
  }

  settings(organizationId: string): Promise<OrganizationSettings> {
    const request: OrganizationRef = { organizationId };
    return this.membership.send(MembershipPatterns.organizationSettingsGet, request);
  }

  updateSettings(
    organizationId: string,
    changes: Pick<UpdateOrganizationSettingsRequest, 'autoConfirm' | 'adminEmails'>,
  ): Promise<OrganizationSettings> {
    const request: UpdateOrganizationSettingsRequest = { organizationId, ...changes };
    return this.membership.send(MembershipPatterns.organizationSettingsUpdate, request);
  }
}
