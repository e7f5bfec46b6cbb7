import { Injectable } from '@nestjs/common';
import type { ListMembersRequest, MemberSummary } from '@roster/contracts';
import { Transactions } from '../database/transactions';
import { DomainError } from '../domain/domain-error';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { MemberSummariesRepository } from './member-summaries.repository';

/** What admins see of their members (SPEC §1). */
@Injectable()
export class MembersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationsRepository,
    private readonly summaries: MemberSummariesRepository,
  ) {}

  async list(request: ListMembersRequest): Promise<MemberSummary[]> {
    return this.transactions.read(async (db) => {
      const organization = await this.organizations.find(db, request.organizationId);
      if (!organization) throw DomainError.notFound('Organization', 'organizationId');
      return this.summaries.list(db, organization.id, request.status);
    });
  }
}
