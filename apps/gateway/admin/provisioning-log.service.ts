import { Injectable } from '@nestjs/common';
import {
  MembershipPatterns,
  type ProvisioningLogPage,
  type QueryProvisioningLogRequest,
} from '@roster/contracts';
import { MembershipClient } from '../membership/membership.client';
import type { ProvisioningLogPageView, ProvisioningLogQueryDto } from './dto/provisioning-log.dto';

/** An organization's provisioning log (SPEC §1), newest first, a page at a time. */
@Injectable()
export class ProvisioningLogService {
  constructor(private readonly membership: MembershipClient) {}

  async query(organizationId: string, query: ProvisioningLogQueryDto): Promise<ProvisioningLogPageView> {
    const request: QueryProvisioningLogRequest = { organizationId };
    for (const name of ['since', 'until', 'outcome', 'method', 'resourceType', 'limit', 'cursor'] as const) {
      if (query[name] !== undefined) Object.assign(request, { [name]: query[name] });
    }
    return this.membership.send<ProvisioningLogPage>(MembershipPatterns.provisioningLogQuery, request);
  }
}
