import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateOrganizationRequest,
  ListOrganizationsRequest,
  MembershipPatterns,
  OrganizationRef,
  parseContract,
  RenameOrganizationRequest,
  UpdateScimSettingsRequest,
  type OrganizationDeletion,
  type OrganizationPage,
  type OrganizationRecord,
} from '@roster/contracts';
import { RpcErrorFilter } from '../rpc/rpc-error.filter';
import { OrganizationDeletionService } from './organization-deletion.service';
import { OrganizationsService } from './organizations.service';

@Controller()
@UseFilters(RpcErrorFilter)
export class OrganizationsRpcController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly deletion: OrganizationDeletionService,
  ) {}

  @MessagePattern(MembershipPatterns.organizationsRename)
  rename(@Payload() payload: unknown): Promise<OrganizationRecord> {
    return this.organizations.rename(parseContract(RenameOrganizationRequest, payload));
  }

  @MessagePattern(MembershipPatterns.organizationsList)
  list(@Payload() payload: unknown): Promise<OrganizationPage> {
    return this.organizations.list(parseContract(ListOrganizationsRequest, payload));
  }

  @MessagePattern(MembershipPatterns.organizationsDelete)
  delete(@Payload() payload: unknown): Promise<OrganizationDeletion> {
    return this.deletion.delete(parseContract(OrganizationRef, payload));
  }

  @MessagePattern(MembershipPatterns.organizationsCreate)
  create(@Payload() payload: unknown): Promise<OrganizationRecord> {
    return this.organizations.create(parseContract(CreateOrganizationRequest, payload));
  }

  @MessagePattern(MembershipPatterns.organizationsGet)
  get(@Payload() payload: unknown): Promise<OrganizationRecord> {
    return this.organizations.get(parseContract(OrganizationRef, payload));
  }

  @MessagePattern(MembershipPatterns.organizationsScimUpdate)
  updateScim(@Payload() payload: unknown): Promise<OrganizationRecord> {
    return this.organizations.setScimEnabled(parseContract(UpdateScimSettingsRequest, payload));
  }
}
