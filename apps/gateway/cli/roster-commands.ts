import type { MemberSummary } from '@roster/contracts';
import type { OrganizationListView } from '../admin/dto/organization-admin.dto';
import type { IssuedScimKeyView, OrganizationView } from '../admin/dto/organization.dto';
import type { RotatedScimKeyView, ScimKeyListView, ScimKeyView } from '../admin/dto/scim-key.dto';
import type { AdminApiClient } from './admin-api.client';
import { CliError } from './cli-config';
import { shortTime, table, type CliIo } from './cli-output';

/** SPEC §1: shown with every key, as the product pages do. */
export const KEY_WARNING =
  'This API key has access to manage users within your organization. It should be kept secret.';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What each command needs: the API, the output, and whether to print JSON instead of text. */
export interface CommandContext {
  api: AdminApiClient;
  io: CliIo;
  json: boolean;
}

type Organization = OrganizationView & { createdAt?: string };

function print(context: CommandContext, value: unknown, human: () => string): void {
  context.io.out(context.json ? JSON.stringify(value, null, 2) : human());
}

/** Every organization, following the pages. */
async function allOrganizations(api: AdminApiClient): Promise<Organization[]> {
  const organizations: Organization[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: OrganizationListView = await api.call('GET', `/api/organizations?limit=500${query}`);
    organizations.push(...page.organizations);
    cursor = page.nextCursor;
  } while (cursor);
  return organizations;
}

/** `<org>` is an id or an organization's exact name (any case). */
async function resolveOrganization(api: AdminApiClient, reference: string): Promise<Organization> {
  if (UUID.test(reference)) return api.call('GET', `/api/organizations/${reference.toLowerCase()}`);
  const matches = (await allOrganizations(api)).filter(
    (organization) => organization.name.toLowerCase() === reference.toLowerCase(),
  );
  if (matches.length === 0)
    throw new CliError(`no organization is named "${reference}" (see: roster org list)`);
  if (matches.length > 1) {
    throw new CliError(
      `${matches.length} organizations are named "${reference}"; give its id: ${matches.map((o) => o.id).join(', ')}`,
    );
  }
  return matches[0];
}

export async function createOrganization(context: CommandContext, name: string): Promise<void> {
  const organization: OrganizationView = await context.api.call('POST', '/api/organizations', { name });
  print(context, organization, () =>
    [
      `Created organization ${organization.name} (${organization.id}).`,
      `SCIM URL: ${organization.scim.url}`,
      `SCIM is off; turn it on with: roster scim enable ${organization.id}`,
    ].join('\n'),
  );
}

export async function listOrganizations(context: CommandContext): Promise<void> {
  const organizations = await allOrganizations(context.api);
  print(context, { organizations }, () =>
    organizations.length === 0
      ? 'No organizations yet. Create one with: roster org create <name>'
      : table(
          ['ID', 'NAME', 'SCIM', 'CREATED'],
          organizations.map((o) => [o.id, o.name, o.scim.enabled ? 'on' : 'off', shortTime(o.createdAt)]),
        ),
  );
}

export async function setScim(context: CommandContext, reference: string, enabled: boolean): Promise<void> {
  const { id } = await resolveOrganization(context.api, reference);
  const organization: OrganizationView = await context.api.call('PUT', `/api/organizations/${id}/scim`, {
    enabled,
  });
  print(context, organization, () =>
    enabled
      ? `SCIM is on for ${organization.name}.\nSCIM URL: ${organization.scim.url}`
      : `SCIM is off for ${organization.name}: every SCIM request for it now gets 401.`,
  );
}

export async function issueKey(context: CommandContext, reference: string): Promise<void> {
  const organization = await resolveOrganization(context.api, reference);
  const issued: IssuedScimKeyView = await context.api.call(
    'POST',
    `/api/organizations/${organization.id}/scim/keys`,
    {},
  );
  print(context, { ...issued, warning: KEY_WARNING }, () =>
    [
      `New SCIM API key for ${organization.name} (key id ${issued.id}); it is shown only now:`,
      '',
      `  ${issued.key}`,
      '',
      KEY_WARNING,
      `SCIM URL: ${organization.scim.url}${organization.scim.enabled ? '' : `  (SCIM is off: roster scim enable ${organization.id})`}`,
    ].join('\n'),
  );
}

export async function rotateKey(
  context: CommandContext,
  reference: string,
  keyReference: string | undefined,
  overlapHours: number | undefined,
): Promise<void> {
  const organization = await resolveOrganization(context.api, reference);
  const key = await resolveKey(context, organization, keyReference, 'rotate');
  const rotated: RotatedScimKeyView = await context.api.call(
    'POST',
    `/api/organizations/${organization.id}/scim/keys/${key.id}/rotate`,
    overlapHours === undefined ? {} : { overlapHours },
  );
  const previous = rotated.previousKey;
  print(context, { ...rotated, warning: KEY_WARNING }, () =>
    [
      `New SCIM API key for ${organization.name} (key id ${rotated.id}); it is shown only now:`,
      '',
      `  ${rotated.key}`,
      '',
      KEY_WARNING,
      previous.state === 'expiring'
        ? `The old key ${previous.displayPrefix}… keeps working until ${previous.expiresAt}: update your IdP before then.`
        : `The old key ${previous.displayPrefix}… no longer works.`,
    ].join('\n'),
  );
}

export async function revokeKey(
  context: CommandContext,
  reference: string,
  keyReference: string | undefined,
): Promise<void> {
  const organization = await resolveOrganization(context.api, reference);
  const key = await resolveKey(context, organization, keyReference, 'revoke');
  const revoked: ScimKeyView = await context.api.call(
    'POST',
    `/api/organizations/${organization.id}/scim/keys/${key.id}/revoke`,
  );
  print(context, revoked, () => `Revoked key ${revoked.displayPrefix}… (${revoked.id}): it no longer works.`);
}

export async function listKeys(context: CommandContext, reference: string): Promise<void> {
  const organization = await resolveOrganization(context.api, reference);
  const { keys }: ScimKeyListView = await context.api.call(
    'GET',
    `/api/organizations/${organization.id}/scim/keys`,
  );
  print(context, { keys }, () =>
    keys.length === 0
      ? `${organization.name} has no SCIM API keys. Issue one with: roster scim key issue ${organization.id}`
      : table(
          ['ID', 'PREFIX', 'STATE', 'CREATED', 'LAST USED', 'EXPIRES'],
          keys.map((k) => [
            k.id,
            `${k.displayPrefix}…`,
            k.state,
            shortTime(k.createdAt),
            shortTime(k.lastUsedAt),
            shortTime(k.expiresAt),
          ]),
        ),
  );
}

/** `[keyId]` is a key id or display prefix; without it, the organization's one working key. */
async function resolveKey(
  context: CommandContext,
  organization: Organization,
  reference: string | undefined,
  verb: string,
): Promise<ScimKeyView> {
  const { keys }: ScimKeyListView = await context.api.call(
    'GET',
    `/api/organizations/${organization.id}/scim/keys`,
  );
  const working = keys.filter((key) => key.state === 'active' || key.state === 'expiring');
  if (reference === undefined) {
    if (working.length === 1) return working[0];
    if (working.length === 0)
      throw new CliError(`${organization.name} has no working SCIM API key to ${verb}`);
    throw new CliError(
      `${organization.name} has ${working.length} working keys; name the one to ${verb}: ${working.map((k) => `${k.id} (${k.displayPrefix}…)`).join(', ')}`,
    );
  }
  const matches = keys.filter(
    (key) => key.id === reference.toLowerCase() || key.displayPrefix === reference.replace(/…$/, ''),
  );
  if (matches.length === 1) return matches[0];
  throw new CliError(
    matches.length === 0
      ? `${organization.name} has no SCIM API key ${reference} (see: roster scim key list ${organization.id})`
      : `several keys of ${organization.name} start with ${reference}; give the key id`,
  );
}

export async function listMembers(
  context: CommandContext,
  reference: string,
  status: string | undefined,
): Promise<void> {
  const organization = await resolveOrganization(context.api, reference);
  const query = status ? `?status=${encodeURIComponent(status)}` : '';
  const { members }: { members: MemberSummary[] } = await context.api.call(
    'GET',
    `/api/organizations/${organization.id}/members${query}`,
  );
  print(context, { members }, () =>
    members.length === 0
      ? `${organization.name} has no ${status ? `${status} ` : ''}members.`
      : table(
          ['ID', 'EMAIL', 'NAME', 'STATUS', 'GROUPS', 'LAST EMAIL'],
          members.map((m) => [
            m.id,
            m.email ?? m.userName,
            m.displayName,
            m.status,
            (m.groups ?? []).map((group) => group.displayName).join(', '),
            m.lastEmail ? `${m.lastEmail.kind}: ${m.lastEmail.state}` : null,
          ]),
        ),
  );
}

/** `<member>` is a member id, email or userName (any case). */
export async function confirmMember(
  context: CommandContext,
  reference: string,
  memberReference: string,
): Promise<void> {
  const organization = await resolveOrganization(context.api, reference);
  const member = await resolveMember(context, organization, memberReference);
  const confirmed: Partial<MemberSummary> | undefined = await context.api.call(
    'POST',
    `/api/organizations/${organization.id}/members/${member.id}/confirm`,
    {},
  );
  print(
    context,
    confirmed ?? { id: member.id },
    () =>
      `Confirmed ${member.email ?? member.userName} in ${organization.name}${confirmed?.status ? ` (status: ${confirmed.status})` : ''}.`,
  );
}

async function resolveMember(
  context: CommandContext,
  organization: Organization,
  reference: string,
): Promise<MemberSummary> {
  const { members }: { members: MemberSummary[] } = await context.api.call(
    'GET',
    `/api/organizations/${organization.id}/members`,
  );
  const wanted = reference.toLowerCase();
  const match = members.find(
    (m) => m.id === wanted || m.email?.toLowerCase() === wanted || m.userName.toLowerCase() === wanted,
  );
  if (!match)
    throw new CliError(
      `${organization.name} has no member ${reference} (see: roster members ${organization.id})`,
    );
  return match;
}
