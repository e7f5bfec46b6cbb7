import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ListMembersRequest, MembershipPatterns, parseContract, type MemberSummary } from '@roster/contracts';
import { RpcErrorFilter } from '../rpc/rpc-error.filter';
import { MembersService } from './members.service';

@Controller()
@UseFilters(RpcErrorFilter)
export class MembersRpcController {
  constructor(private readonly members: MembersService) {}

  @MessagePattern(MembershipPatterns.membersList)
  list(@Payload() payload: unknown): Promise<MemberSummary[]> {
    return this.members.list(parseContract(ListMembersRequest, payload));
  }
}
