import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  MembershipPatterns,
  OrganizationRef,
  parseContract,
  UpdateOrganizationSettingsRequest,
  type OrganizationSettings,
} from '@roster/contracts';
import { RpcErrorFilter } from '../rpc/rpc-error.filter';
import { OrganizationSettingsService } from './organization-settings.service';

@Controller()
@UseFilters(RpcErrorFilter)
export class OrganizationSettingsRpcController {
  constructor(private readonly settings: OrganizationSettingsService) {}

  @MessagePattern(MembershipPatterns.organizationSettingsGet)
  get(@Payload() payload: unknown): Promise<OrganizationSettings> {
    return this.settings.get(parseContract(OrganizationRef, payload));
  }

  @MessagePattern(MembershipPatterns.organizationSettingsUpdate)
  update(@Payload() payload: unknown): Promise<OrganizationSettings> {
    return this.settings.update(parseContract(UpdateOrganizationSettingsRequest, payload));
  }
}
