import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  MembershipPatterns,
  parseContract,
  QueryProvisioningLogRequest,
  RecordProvisioningLogRequest,
  type ProvisioningLogPage,
  type ProvisioningLogRecorded,
} from '@roster/contracts';
import { RpcErrorFilter } from '../rpc/rpc-error.filter';
import { ProvisioningLogService } from './provisioning-log.service';

@Controller()
@UseFilters(RpcErrorFilter)
export class ProvisioningLogRpcController {
  constructor(private readonly log: ProvisioningLogService) {}

  /** Request/reply rather than an event: the gateway keeps a batch until membership confirms it. */
  @MessagePattern(MembershipPatterns.provisioningLogRecord)
  record(@Payload() payload: unknown): Promise<ProvisioningLogRecorded> {
    return this.log.record(parseContract(RecordProvisioningLogRequest, payload));
  }

  @MessagePattern(MembershipPatterns.provisioningLogQuery)
  query(@Payload() payload: unknown): Promise<ProvisioningLogPage> {
    return this.log.query(parseContract(QueryProvisioningLogRequest, payload));
  }
}
