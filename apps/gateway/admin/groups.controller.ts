import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { OrganizationIdPipe } from './admin-request.pipes';
import { GroupListView } from './dto/group.views';
import { GroupsAdminService } from './groups.service';
import { AdminApiController, AdminOperation } from './openapi/admin-api.docs';

/** The groups an organization's IdP pushed, with their members (SPEC §1). */
@Controller('api/organizations/:id/groups')
@UseGuards(AdminAuthGuard)
@AdminApiController('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsAdminService) {}

  @Get()
  @AdminOperation({
    summary: 'Groups with their members',
    description: 'Every group of the organization by name, with each member’s id, userName and displayName.',
    ok: GroupListView,
    errors: ['404'],
  })
  list(@Param('id', OrganizationIdPipe) id: string) {
    return this.groups.list(id);
  }
}
