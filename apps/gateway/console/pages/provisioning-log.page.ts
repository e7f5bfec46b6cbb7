import { PROVISIONING_METHODS, PROVISIONING_OUTCOMES, type ProvisioningOutcome } from '@roster/contracts';
import type { OrganizationView } from '../../admin/dto/organization.dto';
import type { ProvisioningLogPageView } from '../../admin/dto/provisioning-log.dto';
import {
  SCIM_LOG_RESOURCE_TYPES,
  type ScimLogResourceType,
} from '../../scim/provisioning/scim-resource-types';
import { html } from '../../web/html';
import type { RenderedPage } from '../../web/send-page';
import type { BadgeTone, ConsoleLayout } from '../console-layout';

const OUTCOMES: Readonly<Record<ProvisioningOutcome, [string, BadgeTone]>> = {
  success: ['Success', 'ok'],
  client_error: ['Refused', 'warn'],
  server_error: ['Server error', 'bad'],
  unavailable: ['Unavailable', 'bad'],
};

/** The filters the page offers; values outside these lists never reach membership. */
export interface ProvisioningLogFilters {
  outcome?: ProvisioningOutcome;
  method?: (typeof PROVISIONING_METHODS)[number];
  resourceType?: ScimLogResourceType;
  cursor?: string;
}

export function provisioningLogFilters(query: Record<string, unknown>): ProvisioningLogFilters {
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | undefined =>
    allowed.find((value) => value === query[name]);
  const cursor = typeof query.cursor === 'string' && query.cursor.length <= 200 ? query.cursor : undefined;
  return {
    outcome: pick('outcome', PROVISIONING_OUTCOMES),
    method: pick('method', PROVISIONING_METHODS),
    resourceType: pick('resourceType', SCIM_LOG_RESOURCE_TYPES),
    cursor,
  };
}

/** Every SCIM request the IdP made, newest first: never a key, a filter value or a body. */
export function provisioningLogPage(
  layout: ConsoleLayout,
  csrfToken: string,
  organization: OrganizationView,
  filters: ProvisioningLogFilters,
  log: ProvisioningLogPageView,
): RenderedPage {
  const base = layout.urls.organization(organization.id, 'provisioning-log');
  const select = (name: 'outcome' | 'method' | 'resourceType', label: string, values: readonly string[]) =>
    html`<div class="field">
      <label for="${name}">${label}</label>
      <select id="${name}" name="${name}">
        <option value="">Any</option>
        ${values.map(
          (value) =>
            html`<option value="${value}" ${filters[name] === value ? html`selected` : ''}>
              ${name === 'outcome' ? OUTCOMES[value as ProvisioningOutcome][0] : value}
            </option>`,
        )}
      </select>
    </div>`;
  const rows = log.entries.map(
    (entry) =>
      html`<tr>
        <td>${layout.time(entry.at)}</td>
        <td class="nowrap">${entry.idp}</td>
        <td class="mono">${entry.method}</td>
        <td class="mono" title="${entry.path}">${relativePath(entry.path, organization.id)}</td>
        <td>${entry.resourceType ?? html`<span class="muted">—</span>`}</td>
        <td>${layout.badge(...OUTCOMES[entry.outcome])}</td>
        <td class="num">${entry.status}</td>
        <td class="num nowrap">${entry.durationMs} ms</td>
        <td>
          ${entry.warnings.length > 0 ? entry.warnings.map((warning) => html`<p class="hint">${warning}</p>`) : ''}
        </td>
      </tr>`,
  );
  const { cursor: _cursor, ...current } = filters;
  return layout.page(
    200,
    'Provisioning log',
    html`<h1>Provisioning log</h1>
      <p class="lead">Every SCIM request your identity provider made, newest first.</p>
      <form method="get" action="${base}" class="card inline">
        ${select('outcome', 'Outcome', PROVISIONING_OUTCOMES)}
        ${select('method', 'Method', PROVISIONING_METHODS)}
        ${select('resourceType', 'Resource', SCIM_LOG_RESOURCE_TYPES)}
        <button type="submit" class="secondary">Filter</button>
      </form>
      ${
        log.entries.length === 0
          ? html`<p class="empty">
              No requests
              ${filters.outcome || filters.method || filters.resourceType ? 'match these filters' : 'yet'}.
            </p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">IdP</th>
                    <th scope="col">Method</th>
                    <th scope="col">Path</th>
                    <th scope="col">Resource</th>
                    <th scope="col">Outcome</th>
                    <th scope="col" class="num">Status</th>
                    <th scope="col" class="num">Took</th>
                    <th scope="col">Warnings</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>
            </div>`
      }
      ${
        log.nextCursor
          ? html`<p class="pager">
              <a href="${layout.urls.withQuery(base, { ...current, cursor: log.nextCursor })}"
                >Older requests →</a
              >
            </p>`
          : ''
      }`,
    { csrfToken, organization, current: 'provisioning-log' },
  );
}

/** The path below the organization's SCIM base (`/Users/...`): the base is the same on every row. */
function relativePath(path: string, organizationId: string): string {
  const base = `/scim/v2/${organizationId}`;
  return path.toLowerCase().startsWith(base.toLowerCase()) ? path.slice(base.length) || '/' : path;
}
