import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateUserRequest,
  DeleteUserRequest,
  GetUserRequest,
  MembershipPatterns,
  parseContract,
  QueryUsersRequest,
  ReplaceUserRequest,
  type UserList,
  type UserRecord,
} from '@roster/contracts';
import { RpcErrorFilter } from '../rpc/rpc-error.filter';
import { UsersService } from './users.service';

@Controller()
@UseFilters(RpcErrorFilter)
export class UsersRpcController {
  constructor(private readonly users: UsersService) {}

  @MessagePattern(MembershipPatterns.usersCreate)
  create(@Payload() payload: unknown): Promise<UserRecord> {
    return this.users.create(parseContract(CreateUserRequest, payload));
  }

  @MessagePattern(MembershipPatterns.usersGet)
  get(@Payload() payload: unknown): Promise<UserRecord> {
    return this.users.get(parseContract(GetUserRequest, payload));
  }

  @MessagePattern(MembershipPatterns.usersQuery)
  query(@Payload() payload: unknown): Promise<UserList> {
    return this.users.query(parseContract(QueryUsersRequest, payload));
  }

  @MessagePattern(MembershipPatterns.usersReplace)
  replace(@Payload() payload: unknown): Promise<UserRecord> {
    return this.users.replace(parseContract(ReplaceUserRequest, payload));
  }

  /** Answers `{ deleted: true }`: an empty reply would be indistinguishable from no reply. */
  @MessagePattern(MembershipPatterns.usersDelete)
  async delete(@Payload() payload: unknown): Promise<{ deleted: true }> {
    await this.users.delete(parseContract(DeleteUserRequest, payload));
    return { deleted: true };
  }
}
