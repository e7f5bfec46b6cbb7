import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  InvitationClaimRequest,
  MemberRef,
  MembershipPatterns,
  parseContract,
  type InvitationAcceptance,
  type InvitationView,
  type MemberOnboardingRecord,
} from '@roster/contracts';
import { RpcErrorFilter } from '../rpc/rpc-error.filter';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { MemberOnboardingService } from './member-onboarding.service';

@Controller()
@UseFilters(RpcErrorFilter)
export class InvitationsRpcController {
  constructor(
    private readonly acceptance: InvitationAcceptanceService,
    private readonly onboarding: MemberOnboardingService,
  ) {}

  @MessagePattern(MembershipPatterns.invitationsInspect)
  inspect(@Payload() payload: unknown): Promise<InvitationView> {
    return this.acceptance.inspect(parseContract(InvitationClaimRequest, payload));
  }

  @MessagePattern(MembershipPatterns.invitationsAccept)
  accept(@Payload() payload: unknown): Promise<InvitationAcceptance> {
    return this.acceptance.accept(parseContract(InvitationClaimRequest, payload));
  }

  @MessagePattern(MembershipPatterns.invitationsResend)
  resend(@Payload() payload: unknown): Promise<MemberOnboardingRecord> {
    return this.onboarding.resendInvitation(parseContract(MemberRef, payload));
  }

  @MessagePattern(MembershipPatterns.membersConfirm)
  confirm(@Payload() payload: unknown): Promise<MemberOnboardingRecord> {
    return this.onboarding.confirm(parseContract(MemberRef, payload));
  }
}
