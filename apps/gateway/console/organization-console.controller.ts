import { Body, Controller, Get, Param, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { MEMBER_STATUSES, type MemberStatus } from '@roster/contracts';
import type { FastifyReply } from 'fastify';
import { OrganizationIdPipe } from '../admin/admin-request.pipes';
import { RenameOrganizationDto } from '../admin/dto/organization-admin.dto';
import { UpdateOrganizationSettingsDto } from '../admin/dto/member-onboarding.dto';
import { RotateScimKeyDto } from '../admin/dto/scim-key.dto';
import { GroupsAdminService } from '../admin/groups.service';
import { MemberIdPipe } from '../admin/member-id.pipe';
import { MemberOnboardingService } from '../admin/member-onboarding.service';
import { OrganizationsService } from '../admin/organizations.service';
import { ProvisioningLogService } from '../admin/provisioning-log.service';
import { ScimKeyIdPipe } from '../admin/scim-key-id.pipe';
import { ScimKeysService } from '../admin/scim-keys.service';
import { ConsoleSessionGuard, CsrfToken } from './console-auth';
import { formCheckbox, formField, formProblem } from './console-forms';
import { ConsoleLayout } from './console-layout';
import { ConsolePageFilter } from './console-page.filter';
import { noticeText, redirectTo, sendConsolePage } from './console-reply';
import type { OrganizationPage } from './console-urls';
import { groupsPage } from './pages/groups.page';
import { mailPage } from './pages/mail.page';
import { membersPage } from './pages/members.page';
import { provisioningLogFilters, provisioningLogPage } from './pages/provisioning-log.page';
import { scimPage, type FreshScimKey } from './pages/scim.page';
import { settingsPage } from './pages/settings.page';

/** The overlap a rotation offers first (the admin API's default, SCIM_KEY_ROTATION_OVERLAP_HOURS). */
const DEFAULT_OVERLAP_HOURS = 24;

/**
 * One organization in the console (issue 5 §4): SCIM provisioning, members, groups, provisioning
 * log, mail deliveries, settings. Each handler reads through the admin API's services, renders a
 * page, or changes one thing and redirects (303) back to the page it came from.
 */
@Controller('admin/organizations/:id')
@UseGuards(ConsoleSessionGuard)
@UseFilters(ConsolePageFilter)
export class OrganizationConsoleController {
  constructor(
    private readonly layout: ConsoleLayout,
    private readonly organizations: OrganizationsService,
    private readonly keys: ScimKeysService,
    private readonly onboarding: MemberOnboardingService,
    private readonly groups: GroupsAdminService,
    private readonly provisioningLog: ProvisioningLogService,
  ) {}

  @Get()
  overview(@Param('id', OrganizationIdPipe) id: string, @Res() reply: FastifyReply): void {
    redirectTo(reply, this.layout.urls.organization(id));
  }

  @Get('scim')
  async scim(
    @Param('id', OrganizationIdPipe) id: string,
    @CsrfToken() csrf: string,
    @Query('notice') notice: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.sendScimPage(reply, id, csrf, { notice: noticeText(notice) });
  }

  @Post('scim')
  async saveScim(
    @Param('id', OrganizationIdPipe) id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    await this.organizations.setScimEnabled(id, formCheckbox(body, 'enabled'));
    this.back(reply, id, 'scim', 'saved');
  }

  /** The new key is on this response only (no redirect: nothing may carry the secret elsewhere). */
  @Post('scim/keys')
  async issueKey(
    @Param('id', OrganizationIdPipe) id: string,
    @CsrfToken() csrf: string,
    @Res() reply: FastifyReply,
  ) {
    const issued = await this.organizations.issueScimKey(id);
    await this.sendScimPage(reply, id, csrf, { freshKey: { key: issued.key, rotated: false } });
  }

  @Post('scim/keys/:keyId/rotate')
  async rotateKey(
    @Param('id', OrganizationIdPipe) id: string,
    @Param('keyId', ScimKeyIdPipe) keyId: string,
    @CsrfToken() csrf: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    const text = formField(body, 'overlapHours');
    const overlapHours = text === undefined || text === '' ? undefined : Number(text);
    const problem = formProblem(RotateScimKeyDto, { overlapHours });
    if (problem) return this.sendScimPage(reply, id, csrf, { status: 400, error: problem });
    const rotation = await this.keys.rotate(id, keyId, overlapHours);
    await this.sendScimPage(reply, id, csrf, {
      freshKey: { key: rotation.key, rotated: true, previousExpiresAt: rotation.previousKey.expiresAt },
    });
  }

  @Post('scim/keys/:keyId/revoke')
  async revokeKey(
    @Param('id', OrganizationIdPipe) id: string,
    @Param('keyId', ScimKeyIdPipe) keyId: string,
    @Res() reply: FastifyReply,
  ) {
    await this.keys.revoke(id, keyId);
    this.back(reply, id, 'scim', 'revoked');
  }

  @Get('members')
  async members(
    @Param('id', OrganizationIdPipe) id: string,
    @CsrfToken() csrf: string,
    @Query('status') status: unknown,
    @Query('notice') notice: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const filter = MEMBER_STATUSES.find((known): known is MemberStatus => known === status);
    const [organization, { members }] = await Promise.all([
      this.organizations.get(id),
      this.organizations.listMembers(id, filter),
    ]);
    sendConsolePage(
      reply,
      membersPage(this.layout, csrf, { organization, members, status: filter, notice: noticeText(notice) }),
    );
  }

  @Post('members/:memberId/confirm')
  async confirm(
    @Param('id', OrganizationIdPipe) id: string,
    @Param('memberId', MemberIdPipe) memberId: string,
    @Res() reply: FastifyReply,
  ) {
    await this.onboarding.confirm(id, memberId);
    this.back(reply, id, 'members', 'confirmed');
  }

  @Post('members/:memberId/resend-invitation')
  async resend(
    @Param('id', OrganizationIdPipe) id: string,
    @Param('memberId', MemberIdPipe) memberId: string,
    @Res() reply: FastifyReply,
  ) {
    await this.onboarding.resendInvitation(id, memberId);
    this.back(reply, id, 'members', 'resent');
  }

  @Get('groups')
  async groupList(
    @Param('id', OrganizationIdPipe) id: string,
    @CsrfToken() csrf: string,
    @Res() reply: FastifyReply,
  ) {
    const [organization, list] = await Promise.all([this.organizations.get(id), this.groups.list(id)]);
    sendConsolePage(reply, groupsPage(this.layout, csrf, organization, list));
  }

  @Get('provisioning-log')
  async log(
    @Param('id', OrganizationIdPipe) id: string,
    @CsrfToken() csrf: string,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const filters = provisioningLogFilters(query);
    const [organization, page] = await Promise.all([
      this.organizations.get(id),
      this.provisioningLog.query(id, { ...filters, limit: 100 }),
    ]);
    sendConsolePage(reply, provisioningLogPage(this.layout, csrf, organization, filters, page));
  }

  @Get('mail')
  async mail(
    @Param('id', OrganizationIdPipe) id: string,
    @CsrfToken() csrf: string,
    @Res() reply: FastifyReply,
  ) {
    const [organization, { members }] = await Promise.all([
      this.organizations.get(id),
      this.organizations.listMembers(id),
    ]);
    sendConsolePage(reply, mailPage(this.layout, csrf, organization, members));
  }

  @Get('settings')
  async settings(
    @Param('id', OrganizationIdPipe) id: string,
    @CsrfToken() csrf: string,
    @Query('notice') notice: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const [organization, settings] = await Promise.all([
      this.organizations.get(id),
      this.onboarding.settings(id),
    ]);
    sendConsolePage(
      reply,
      settingsPage(this.layout, csrf, { organization, settings, notice: noticeText(notice) }),
    );
  }

  /** Validates both parts before changing either, so a refused form changes nothing. */
  @Post('settings')
  async saveSettings(
    @Param('id', OrganizationIdPipe) id: string,
    @CsrfToken() csrf: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ) {
    const name = (formField(body, 'name') ?? '').trim();
    const autoConfirm = formCheckbox(body, 'autoConfirm');
    const adminEmails = (formField(body, 'adminEmails') ?? '')
      .split(/[\s,;]+/)
      .map((address) => address.trim())
      .filter((address) => address.length > 0);
    const problem =
      formProblem(RenameOrganizationDto, { name }) ??
      formProblem(UpdateOrganizationSettingsDto, { autoConfirm, adminEmails });
    if (problem) {
      const [organization, settings] = await Promise.all([
        this.organizations.get(id),
        this.onboarding.settings(id),
      ]);
      return sendConsolePage(
        reply,
        settingsPage(this.layout, csrf, {
          organization: { ...organization, name },
          settings: { ...settings, autoConfirm, adminEmails },
          error: problem,
        }),
      );
    }
    const current = await this.organizations.get(id);
    if (current.name !== name) await this.organizations.rename(id, name);
    await this.onboarding.updateSettings(id, { autoConfirm, adminEmails });
    this.back(reply, id, 'settings', 'saved');
  }

  private back(reply: FastifyReply, id: string, page: OrganizationPage, notice: string): void {
    redirectTo(reply, `${this.layout.urls.organization(id, page)}?notice=${notice}`);
  }

  private async sendScimPage(
    reply: FastifyReply,
    id: string,
    csrf: string,
    extra: { freshKey?: FreshScimKey; notice?: string; status?: number; error?: string },
  ): Promise<void> {
    const [organization, { keys }] = await Promise.all([this.organizations.get(id), this.keys.list(id)]);
    const page = scimPage(this.layout, csrf, {
      organization,
      keys,
      freshKey: extra.freshKey,
      notice: extra.notice,
      error: extra.error,
      defaultOverlapHours: DEFAULT_OVERLAP_HOURS,
    });
    sendConsolePage(reply, extra.status ? { ...page, status: extra.status } : page);
  }
}
