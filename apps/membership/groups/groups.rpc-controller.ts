import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateGroupRequest,
  DeleteGroupRequest,
  GetGroupRequest,
  ListGroupMembersRequest,
  ListGroupsRequest,
  MembershipPatterns,
  parseContract,
  QueryGroupsRequest,
  UpdateGroupRequest,
  type GroupCommandResult,
  type GroupList,
  type GroupMembersPage,
  type GroupRecord,
} from '@roster/contracts';
import { RpcErrorFilter } from '../rpc/rpc-error.filter';
import { GroupsService } from './groups.service';

@Controller()
@UseFilters(RpcErrorFilter)
export class GroupsRpcController {
  constructor(private readonly groups: GroupsService) {}

  @MessagePattern(MembershipPatterns.groupsCreate)
  create(@Payload() payload: unknown): Promise<GroupCommandResult> {
    return this.groups.create(parseContract(CreateGroupRequest, payload));
  }

  @MessagePattern(MembershipPatterns.groupsGet)
  get(@Payload() payload: unknown): Promise<GroupRecord> {
    return this.groups.get(parseContract(GetGroupRequest, payload));
  }

  @MessagePattern(MembershipPatterns.groupsQuery)
  query(@Payload() payload: unknown): Promise<GroupList> {
    return this.groups.query(parseContract(QueryGroupsRequest, payload));
  }

  @MessagePattern(MembershipPatterns.groupsUpdate)
  update(@Payload() payload: unknown): Promise<GroupCommandResult> {
    return this.groups.update(parseContract(UpdateGroupRequest, payload));
  }

  /** Answers `{ deleted: true }`: an empty reply would be indistinguishable from no reply. */
  @MessagePattern(MembershipPatterns.groupsDelete)
  async delete(@Payload() payload: unknown): Promise<{ deleted: true }> {
    await this.groups.delete(parseContract(DeleteGroupRequest, payload));
    return { deleted: true };
  }

  @MessagePattern(MembershipPatterns.groupsMembers)
  members(@Payload() payload: unknown): Promise<GroupMembersPage> {
    return this.groups.members(parseContract(ListGroupMembersRequest, payload));
  }

  @MessagePattern(MembershipPatterns.groupsList)
  list(@Payload() payload: unknown): Promise<GroupRecord[]> {
    return this.groups.list(parseContract(ListGroupsRequest, payload));
  }
}
