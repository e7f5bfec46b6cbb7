import { Body, Controller, Get, Logger, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminToken } from '../admin/admin-token';
import { CreateOrganizationDto } from '../admin/dto/organization.dto';
import { OrganizationsService } from '../admin/organizations.service';
import { GatewayConfig } from '../config/gateway.config';
import { STYLESHEET_HEADERS } from '../web/page-security-headers';
import { CONSOLE_SCRIPT, CONSOLE_STYLESHEET } from './console-assets';
import { ConsoleAuth, ConsoleFormRejected, ConsoleSessionGuard, CsrfToken } from './console-auth';
import { formField, formProblem } from './console-forms';
import { ConsoleLayout } from './console-layout';
import { ConsolePageFilter } from './console-page.filter';
import { redirectTo, sendConsolePage } from './console-reply';
import { organizationsPage } from './pages/organizations.page';
import { signInPage } from './pages/sign-in.page';

/** The console's entry: sign in and out, its assets, and the organizations list (issue 5 §4). */
@Controller('admin')
@UseFilters(ConsolePageFilter)
export class ConsoleController {
  private readonly logger = new Logger('Console');
  private readonly adminToken: AdminToken;

  constructor(
    config: GatewayConfig,
    private readonly auth: ConsoleAuth,
    private readonly layout: ConsoleLayout,
    private readonly organizations: OrganizationsService,
  ) {
    this.adminToken = new AdminToken(config.ADMIN_TOKEN);
  }

  @Get()
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    redirectTo(
      reply,
      this.auth.sessionOf(request) ? this.layout.urls.organizations : this.layout.urls.signIn,
    );
  }

  @Get('login')
  signInForm(
    @Req() request: FastifyRequest,
    @Query('signedOut') signedOut: unknown,
    @Res() reply: FastifyReply,
  ): void {
    if (this.auth.sessionOf(request)) return redirectTo(reply, this.layout.urls.organizations);
    sendConsolePage(reply, signInPage(this.layout, { signedOut: signedOut === '1' }));
  }

  @Post('login')
  signIn(@Req() request: FastifyRequest, @Body() body: unknown, @Res() reply: FastifyReply): void {
    if (!this.auth.fromConsoleOrigin(request)) throw new ConsoleFormRejected('origin');
    if (!this.adminToken.matches(formField(body, 'token'))) {
      this.logger.warn(
        { requestId: request.id, ip: request.ip },
        'Console sign-in refused: wrong admin token',
      );
      return sendConsolePage(reply, signInPage(this.layout, { failed: true }));
    }
    this.auth.signIn(reply);
    redirectTo(reply, this.layout.urls.organizations);
  }

  @Post('logout')
  @UseGuards(ConsoleSessionGuard)
  signOut(@Res() reply: FastifyReply): void {
    this.auth.signOut(reply);
    redirectTo(reply, `${this.layout.urls.signIn}?signedOut=1`);
  }

  @Get('assets/console.css')
  stylesheet(@Res() reply: FastifyReply): void {
    void reply.code(200).headers(STYLESHEET_HEADERS).send(CONSOLE_STYLESHEET);
  }

  @Get('assets/console.js')
  script(@Res() reply: FastifyReply): void {
    void reply
      .code(200)
      .headers({ ...STYLESHEET_HEADERS, 'content-type': 'text/javascript; charset=utf-8' })
      .send(CONSOLE_SCRIPT);
  }

  @Get('organizations')
  @UseGuards(ConsoleSessionGuard)
  async list(
    @CsrfToken() csrf: string,
    @Query('cursor') cursor: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const list = await this.organizations.list(undefined, typeof cursor === 'string' ? cursor : undefined);
    sendConsolePage(reply, organizationsPage(this.layout, csrf, list));
  }

  @Post('organizations')
  @UseGuards(ConsoleSessionGuard)
  async create(@CsrfToken() csrf: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const name = formField(body, 'name') ?? '';
    const problem = formProblem(CreateOrganizationDto, { name });
    if (problem) {
      const list = await this.organizations.list();
      return sendConsolePage(reply, organizationsPage(this.layout, csrf, list, { error: problem, name }));
    }
    const organization = await this.organizations.create(name.trim());
    redirectTo(reply, `${this.layout.urls.organization(organization.id)}?notice=created`);
  }
}
