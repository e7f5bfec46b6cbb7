import { Controller, HttpCode, Param, Post, UseGuards, UsePipes } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { adminValidationPipe, OrganizationIdPipe } from './admin-request.pipes';
import { MemberOnboardingView } from './dto/member-onboarding.dto';
import { MemberIdPipe } from './member-id.pipe';
import { MemberOnboardingService } from './member-onboarding.service';
import { AdminApiController, AdminOperation } from './openapi/admin-api.docs';

/** Confirm an Accepted member, re-send an Invited member's invitation (SPEC §1, §7). */
@Controller('api/organizations/:id/members/:memberId')
@UseGuards(AdminAuthGuard)
@UsePipes(adminValidationPipe)
@AdminApiController('members')
export class MemberOnboardingController {
  constructor(private readonly onboarding: MemberOnboardingService) {}

  @Post('confirm')
  @HttpCode(200)
  @AdminOperation({
    summary: 'Confirm an Accepted member (→ Confirmed; they get a "you now have access" email)',
    description: 'A member who is not Accepted (Invited, already Confirmed, Revoked) is refused with 409.',
    ok: MemberOnboardingView,
    errors: ['404', '409'],
  })
  confirm(@Param('id', OrganizationIdPipe) id: string, @Param('memberId', MemberIdPipe) memberId: string) {
    return this.onboarding.confirm(id, memberId);
  }

  @Post('resend-invitation')
  @HttpCode(200)
  @AdminOperation({
    summary: 'Send an Invited member a new invitation; links sent before stop working',
    description: 'Only Invited members (409 otherwise).',
    ok: MemberOnboardingView,
    errors: ['404', '409'],
  })
  resendInvitation(
    @Param('id', OrganizationIdPipe) id: string,
    @Param('memberId', MemberIdPipe) memberId: string,
  ) {
    return this.onboarding.resendInvitation(id, memberId);
  }
}
