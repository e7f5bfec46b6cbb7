import { Injectable } from '@nestjs/common';
import type {
  OrganizationRef,
  OrganizationSettings,
  UpdateOrganizationSettingsRequest,
} from '@roster/contracts';
import { AuditLog } from '../audit/audit-log';
import { Transactions } from '../database/transactions';
import { DomainError } from '../domain/domain-error';
import {
  OrganizationSettingsRepository,
  type OrganizationOnboarding,
} from './organization-settings.repository';

/** How an organization onboards members (SPEC §7): auto-confirm, and who hears about acceptances. */
@Injectable()
export class OrganizationSettingsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationSettingsRepository,
    private readonly audit: AuditLog,
  ) {}

  async get(request: OrganizationRef): Promise<OrganizationSettings> {
    const organization = await this.organizations.find(this.transactions.manager, request.organizationId);
    if (!organization) throw DomainError.notFound('Organization', 'organizationId');
    return toSettings(organization);
  }

  async update(request: UpdateOrganizationSettingsRequest): Promise<OrganizationSettings> {
    return this.transactions.run(async (tx) => {
      const organization = await this.organizations.findForUpdate(tx, request.organizationId);
      if (!organization) throw DomainError.notFound('Organization', 'organizationId');
      const next = {
        autoConfirm: request.autoConfirm ?? organization.autoConfirm,
        adminEmails: request.adminEmails
          ? normalizedAddresses(request.adminEmails)
          : organization.adminEmails,
      };
      const autoConfirmChanged = next.autoConfirm !== organization.autoConfirm;
      const adminEmailsChanged = next.adminEmails.join('\n') !== organization.adminEmails.join('\n');
      // Saving the settings as they are changes nothing and records nothing.
      if (!autoConfirmChanged && !adminEmailsChanged) return toSettings(organization);

      await this.organizations.update(tx, organization.id, next);
      await this.audit.record(tx, {
        organizationId: organization.id,
        actor: 'admin',
        action: 'organization.settings_changed',
        resourceType: 'organization',
        resourceId: organization.id,
        data: {
          ...(autoConfirmChanged ? { autoConfirm: next.autoConfirm } : {}),
          ...(adminEmailsChanged ? { adminEmails: next.adminEmails } : {}),
        },
      });
      return toSettings({ ...organization, ...next });
    });
  }
}

function toSettings(organization: OrganizationOnboarding): OrganizationSettings {
  return {
    organizationId: organization.id,
    autoConfirm: organization.autoConfirm,
    adminEmails: organization.adminEmails,
  };
}

/** Stored as member addresses are: lower-cased, and each once, in the order given. */
function normalizedAddresses(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map((address) => address.trim().toLowerCase()))];
}
