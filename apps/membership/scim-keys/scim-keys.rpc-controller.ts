import { Controller, UseFilters } from '@nestjs/common';
import { EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  IssueScimKeyRequest,
  MembershipPatterns,
  OrganizationRef,
  parseContract,
  RotateScimKeyRequest,
  ScimKeyRef,
  ScimKeyUsedEvent,
  type ScimCredentials,
  type ScimKeyRecord,
  type ScimKeyRotation,
} from '@roster/contracts';
import { RpcErrorFilter } from '../rpc/rpc-error.filter';
import { ScimKeyLifecycleService } from './scim-key-lifecycle.service';
import { ScimKeysService } from './scim-keys.service';

@Controller()
@UseFilters(RpcErrorFilter)
export class ScimKeysRpcController {
  constructor(
    private readonly keys: ScimKeysService,
    private readonly lifecycle: ScimKeyLifecycleService,
  ) {}

  @MessagePattern(MembershipPatterns.scimKeysList)
  list(@Payload() payload: unknown): Promise<ScimKeyRecord[]> {
    return this.lifecycle.list(parseContract(OrganizationRef, payload));
  }

  @MessagePattern(MembershipPatterns.scimKeysRotate)
  rotate(@Payload() payload: unknown): Promise<ScimKeyRotation> {
    return this.lifecycle.rotate(parseContract(RotateScimKeyRequest, payload));
  }

  @MessagePattern(MembershipPatterns.scimKeysRevoke)
  revoke(@Payload() payload: unknown): Promise<ScimKeyRecord> {
    return this.lifecycle.revoke(parseContract(ScimKeyRef, payload));
  }

  @MessagePattern(MembershipPatterns.scimKeysIssue)
  issue(@Payload() payload: unknown): Promise<ScimKeyRecord> {
    return this.keys.issue(parseContract(IssueScimKeyRequest, payload));
  }

  @MessagePattern(MembershipPatterns.scimCredentials)
  credentials(@Payload() payload: unknown): Promise<ScimCredentials> {
    return this.keys.credentials(parseContract(OrganizationRef, payload));
  }

  /** Fire-and-forget: nobody waits for it, so a failure is only logged (by the filter). */
  @EventPattern(MembershipPatterns.scimKeyUsed)
  used(@Payload() payload: unknown): Promise<void> {
    return this.keys.recordUse(parseContract(ScimKeyUsedEvent, payload));
  }
}
