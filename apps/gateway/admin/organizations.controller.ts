import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
  UsePipes,
} from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { adminValidationPipe, OrganizationIdPipe } from './admin-request.pipes';
import { CreateOrganizationDto, ListMembersQueryDto, UpdateScimSettingsDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';
import {
  OrganizationDeletionView,
  OrganizationListView,
  PageQueryDto,
  RenameOrganizationDto,
} from './dto/organization-admin.dto';
import { IssuedScimKeyDoc, MemberListDoc, OrganizationDoc } from './dto/organization.views';
import { AdminApiController, AdminOperation } from './openapi/admin-api.docs';

/** Admin API for organizations, their SCIM settings, keys and members (SPEC §1). */
@Controller('api/organizations')
@UseGuards(AdminAuthGuard)
@UsePipes(adminValidationPipe)
@AdminApiController('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @AdminOperation({ summary: 'List organizations, oldest first', ok: OrganizationListView, errors: ['400'] })
  list(@Query() query: PageQueryDto) {
    return this.organizations.list(query.limit, query.cursor);
  }

  @Post()
  @AdminOperation({ summary: 'Create an organization (SCIM off)', created: OrganizationDoc, errors: ['400'] })
  create(@Body() body: CreateOrganizationDto) {
    return this.organizations.create(body.name);
  }

  @Get(':id')
  @AdminOperation({ summary: 'An organization and its SCIM URL', ok: OrganizationDoc, errors: ['404'] })
  get(@Param('id', OrganizationIdPipe) id: string) {
    return this.organizations.get(id);
  }

  @Patch(':id')
  @AdminOperation({ summary: 'Rename an organization', ok: OrganizationDoc, errors: ['400', '404'] })
  rename(@Param('id', OrganizationIdPipe) id: string, @Body() body: RenameOrganizationDto) {
    return this.organizations.rename(id, body.name);
  }

  @Delete(':id')
  @AdminOperation({
    summary: 'Delete an organization and everything in it',
    description:
      'Removes its SCIM keys (at once), members, groups, provisioning log and unsent emails; the audit log keeps a record.',
    ok: OrganizationDeletionView,
    errors: ['404'],
  })
  delete(@Param('id', OrganizationIdPipe) id: string) {
    return this.organizations.delete(id);
  }

  @Put(':id/scim')
  @HttpCode(200)
  @AdminOperation({ summary: 'Enable or disable SCIM', ok: OrganizationDoc, errors: ['400', '404'] })
  setScim(@Param('id', OrganizationIdPipe) id: string, @Body() body: UpdateScimSettingsDto) {
    return this.organizations.setScimEnabled(id, body.enabled);
  }

  @Post(':id/scim/keys')
  @AdminOperation({
    summary: 'Issue a SCIM API key',
    description: 'The key is in this response only; Roster keeps its SHA-256 digest.',
    created: IssuedScimKeyDoc,
    errors: ['404'],
  })
  issueScimKey(@Param('id', OrganizationIdPipe) id: string) {
    return this.organizations.issueScimKey(id);
  }

  @Get(':id/members')
  @AdminOperation({
    summary: 'Members with status, groups and the delivery state of their last email',
    ok: MemberListDoc,
    errors: ['400', '404'],
  })
  listMembers(@Param('id', OrganizationIdPipe) id: string, @Query() query: ListMembersQueryDto) {
    return this.organizations.listMembers(id, query.status);
  }
}
