import { Body, Controller, Get, Post, Query, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { InvitationAcceptanceClient } from './invitation-acceptance.client';
import { InvitationPageFilter } from './invitation-page.filter';
import { InvitationPages } from './invitation-pages';
import { INVITATION_STYLESHEET } from './invitation-stylesheet';
import { STYLESHEET_HEADERS } from '../web/page-security-headers';
import { sendPage } from '../web/send-page';

/**
 * The accept page (SPEC §7) at `PUBLIC_URL/invitations/accept?token=...`. Opening the link only
 * shows the invitation — mail scanners that prefetch links accept nothing; the Accept button posts
 * the token back in a plain HTML form, so it works without JavaScript.
 */
@Controller('invitations')
@UseFilters(InvitationPageFilter)
export class InvitationPageController {
  constructor(
    private readonly invitations: InvitationAcceptanceClient,
    private readonly pages: InvitationPages,
  ) {}

  @Get('accept')
  async show(@Query('token') token: unknown, @Res() reply: FastifyReply): Promise<void> {
    const invitation = await this.invitations.inspect(token);
    const page =
      invitation && typeof token === 'string'
        ? this.pages.accept(invitation, token)
        : this.pages.closedLink();
    sendPage(reply, page);
  }

  @Post('accept')
  async accept(@Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const result = await this.invitations.accept(tokenOf(body));
    sendPage(reply, result ? this.pages.accepted(result) : this.pages.closedLink());
  }

  @Get('assets/invitation.css')
  stylesheet(@Res() reply: FastifyReply): void {
    void reply.code(200).headers(STYLESHEET_HEADERS).send(INVITATION_STYLESHEET);
  }
}

/** The form's hidden `token` field; a missing body or a repeated field is no token. */
function tokenOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>).token : undefined;
}
