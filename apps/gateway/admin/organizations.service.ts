import { Injectable } from '@nestjs/common';
import {
  MembershipPatterns,
  type CreateOrganizationRequest,
  type ListOrganizationsRequest,
  type OrganizationDeletion,
  type OrganizationPage,
  type RenameOrganizationRequest,
  type IssueScimKeyRequest,
  type ListMembersRequest,
  type MemberStatus,
  type MemberSummary,
  type OrganizationRecord,
  type OrganizationRef,
  type ScimKeyRecord,
  type UpdateScimSettingsRequest,
} from '@roster/contracts';
import { MembershipClient } from '../membership/membership.client';
import { ScimCredentialsCache } from '../scim/auth/scim-credentials.cache';
import { generateScimKey } from '../scim/auth/scim-key';
import { ScimUrls } from '../scim/scim-urls';
import type { IssuedScimKeyView, OrganizationView } from './dto/organization.dto';
import type { OrganizationDeletionView, OrganizationListView } from './dto/organization-admin.dto';

/** The admin's side of organizations (SPEC §1): create, read, switch SCIM, issue keys, list members. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly membership: MembershipClient,
    private readonly credentials: ScimCredentialsCache,
    private readonly urls: ScimUrls,
  ) {}

  async create(name: string): Promise<OrganizationView> {
    const request: CreateOrganizationRequest = { name };
    return this.view(
      await this.membership.send<OrganizationRecord>(MembershipPatterns.organizationsCreate, request),
    );
  }

  async get(organizationId: string): Promise<OrganizationView> {
    const request: OrganizationRef = { organizationId };
    return this.view(
      await this.membership.send<OrganizationRecord>(MembershipPatterns.organizationsGet, request),
    );
  }

  async rename(organizationId: string, name: string): Promise<OrganizationView> {
    const request: RenameOrganizationRequest = { organizationId, name };
    return this.view(
      await this.membership.send<OrganizationRecord>(MembershipPatterns.organizationsRename, request),
    );
  }

  async list(limit?: number, cursor?: string): Promise<OrganizationListView> {
    const request: ListOrganizationsRequest = { ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) };
    const page = await this.membership.send<OrganizationPage>(MembershipPatterns.organizationsList, request);
    return {
      organizations: page.organizations.map((record) => ({
        ...this.view(record),
        createdAt: record.createdAt,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Its keys die with it: this replica forgets them at once, others within the credentials cache TTL. */
  async delete(organizationId: string): Promise<OrganizationDeletionView> {
    const request: OrganizationRef = { organizationId };
    const deletion = await this.membership.send<OrganizationDeletion>(
      MembershipPatterns.organizationsDelete,
      request,
    );
    this.credentials.invalidate(organizationId);
    const { organizationId: id, ...removed } = deletion;
    return { id, ...removed };
  }

  async setScimEnabled(organizationId: string, enabled: boolean): Promise<OrganizationView> {
    const request: UpdateScimSettingsRequest = { organizationId, enabled };
    const record = await this.membership.send<OrganizationRecord>(
      MembershipPatterns.organizationsScimUpdate,
      request,
    );
    this.credentials.invalidate(organizationId);
    return this.view(record);
  }

  /** Generates the key here so that only its digest ever leaves the gateway; the secret is returned once. */
  async issueScimKey(organizationId: string): Promise<IssuedScimKeyView> {
    const { key, displayPrefix, digest } = generateScimKey();
    const request: IssueScimKeyRequest = { organizationId, displayPrefix, digest };
    const record = await this.membership.send<ScimKeyRecord>(MembershipPatterns.scimKeysIssue, request);
    this.credentials.invalidate(organizationId);
    return { id: record.id, key, createdAt: record.createdAt };
  }

  async listMembers(organizationId: string, status?: MemberStatus): Promise<{ members: MemberSummary[] }> {
    const request: ListMembersRequest = { organizationId, ...(status ? { status } : {}) };
    return { members: await this.membership.send<MemberSummary[]>(MembershipPatterns.membersList, request) };
  }

  private view(record: OrganizationRecord): OrganizationView {
    return {
      id: record.id,
      name: record.name,
      scim: { enabled: record.scimEnabled, url: this.urls.organizationBase(record.id) },
    };
  }
}
