import { Injectable } from '@nestjs/common';
import type {
  CreateOrganizationRequest,
  ListOrganizationsRequest,
  OrganizationPage,
  OrganizationRecord,
  RenameOrganizationRequest,
  OrganizationRef,
  UpdateScimSettingsRequest,
} from '@roster/contracts';
import type { EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import { Organization } from '../database/entities';
import { decodeKeysetCursor, encodeKeysetCursor } from '../database/keyset-cursor';
import { Transactions } from '../database/transactions';
import { Clock } from '../domain/clock';
import { DomainError } from '../domain/domain-error';
import { newId } from '../domain/identifiers';
import { toOrganizationRecord } from './organization.mapper';
import { OrganizationsRepository } from './organizations.repository';

const DEFAULT_PAGE_SIZE = 100;

/** Organizations and their SCIM switch (SPEC §1), as an admin changes them. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationsRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async create(request: CreateOrganizationRequest): Promise<OrganizationRecord> {
    const name = request.name.trim();
    if (name === '') throw DomainError.invalid('name', 'The organization name must not be blank.');
    return this.transactions.run(async (tx) => {
      const organization = Object.assign(new Organization(), {
        id: newId(),
        name,
        // An organization starts with SCIM off: the admin turns it on once a key is issued.
        scimEnabled: false,
        autoConfirm: false,
        createdAt: this.clock.now(),
      });
      await this.organizations.insert(tx, organization);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'admin',
        action: 'organization.created',
        resourceType: 'organization',
        resourceId: organization.id,
        data: { name },
      });
      return toOrganizationRecord(organization);
    });
  }

  async get(request: OrganizationRef): Promise<OrganizationRecord> {
    const organization = await this.organizations.find(this.transactions.manager, request.organizationId);
    if (!organization) throw DomainError.notFound('Organization', 'organizationId');
    return toOrganizationRecord(organization);
  }

  async setScimEnabled(request: UpdateScimSettingsRequest): Promise<OrganizationRecord> {
    return this.transactions.run(async (tx) => {
      const organization = await this.findForUpdateOrFail(tx, request.organizationId);
      // Switching to the state it is already in changes nothing and records nothing.
      if (organization.scimEnabled === request.enabled) return toOrganizationRecord(organization);

      await this.organizations.setScimEnabled(tx, organization.id, request.enabled);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'admin',
        action: request.enabled ? 'organization.scim_enabled' : 'organization.scim_disabled',
        resourceType: 'organization',
        resourceId: organization.id,
      });
      return toOrganizationRecord({ ...organization, scimEnabled: request.enabled });
    });
  }

  async rename(request: RenameOrganizationRequest): Promise<OrganizationRecord> {
    const name = request.name.trim();
    if (name === '') throw DomainError.invalid('name', 'The organization name must not be blank.');
    return this.transactions.run(async (tx) => {
      const organization = await this.findForUpdateOrFail(tx, request.organizationId);
      if (organization.name === name) return toOrganizationRecord(organization);

      await this.organizations.rename(tx, organization.id, name);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'admin',
        action: 'organization.renamed',
        resourceType: 'organization',
        resourceId: organization.id,
        data: { from: organization.name, to: name },
      });
      return toOrganizationRecord({ ...organization, name });
    });
  }

  async list(request: ListOrganizationsRequest): Promise<OrganizationPage> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const after = request.cursor === undefined ? undefined : decodeKeysetCursor(request.cursor);
    // One row more than asked tells whether another page follows.
    const rows = await this.organizations.page(this.transactions.manager, limit + 1, after);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      organizations: page.map(toOrganizationRecord),
      nextCursor:
        rows.length > limit && last ? encodeKeysetCursor({ at: last.createdAt, id: last.id }) : null,
    };
  }

  private async findForUpdateOrFail(tx: EntityManager, id: string): Promise<Organization> {
    const organization = await this.organizations.findForUpdate(tx, id);
    if (!organization) throw DomainError.notFound('Organization', 'organizationId');
    return organization;
  }
}
