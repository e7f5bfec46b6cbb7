import { Injectable } from '@nestjs/common';
import {
  ContractViolation,
  DomainErrorCode,
  InvitationClaimRequest,
  MembershipPatterns,
  parseContract,
  verifyInvitationToken,
  type InvitationAcceptance,
  type InvitationView,
  type MembershipPattern,
} from '@roster/contracts';
import { Clock } from '../clock';
import { GatewayConfig } from '../config/gateway.config';
import { MembershipClient } from '../membership/membership.client';
import { MembershipDomainError } from '../membership/membership.errors';

/**
 * The invited person's requests (SPEC §7): the gateway checks the token's signature and expiry with
 * INVITATION_SECRET, then membership checks that it is the member's current, open invitation. Every
 * way a link can be unusable answers null — the caller shows one page and never learns which it was.
 * Membership outages are thrown (the page says "try again"), never shown as a dead link.
 */
@Injectable()
export class InvitationAcceptanceClient {
  private readonly secret: string;

  constructor(
    config: GatewayConfig,
    private readonly membership: MembershipClient,
    private readonly clock: Clock,
  ) {
    this.secret = config.INVITATION_SECRET;
  }

  inspect(token: unknown): Promise<InvitationView | null> {
    return this.ask<InvitationView>(MembershipPatterns.invitationsInspect, token);
  }

  /** Works once per invitation: a second submission of the same link answers null. */
  accept(token: unknown): Promise<InvitationAcceptance | null> {
    return this.ask<InvitationAcceptance>(MembershipPatterns.invitationsAccept, token);
  }

  private async ask<T>(pattern: MembershipPattern, token: unknown): Promise<T | null> {
    const claim = this.claimOf(token);
    if (!claim) return null;
    try {
      return await this.membership.send<T>(pattern, claim);
    } catch (error) {
      if (error instanceof MembershipDomainError && error.code === DomainErrorCode.notFound) return null;
      throw error;
    }
  }

  /** The verified token as membership's request; a token we did not sign, or signed for no contract, is none. */
  private claimOf(token: unknown): InvitationClaimRequest | null {
    if (typeof token !== 'string') return null;
    const claims = verifyInvitationToken(token, this.secret, new Date(this.clock.now()));
    if (!claims) return null;
    try {
      return parseContract(InvitationClaimRequest, {
        organizationId: claims.organizationId,
        memberId: claims.memberId,
        email: claims.email,
        nonce: claims.nonce,
      });
    } catch (error) {
      if (error instanceof ContractViolation) return null;
      throw error;
    }
  }
}
