import type { OrganizationView } from '../../admin/dto/organization.dto';
import type { ScimKeyState, ScimKeyView } from '../../admin/dto/scim-key.dto';
import { html, type SafeHtml } from '../../web/html';
import type { RenderedPage } from '../../web/send-page';
import type { BadgeTone, ConsoleLayout } from '../console-layout';

/** The warning SPEC §1 requires wherever the key is shown. */
export const SCIM_KEY_WARNING =
  'This API key has access to manage users within your organization. It should be kept secret.';

/** A key just issued or rotated: its secret is on this one response and nowhere else. */
export interface FreshScimKey {
  key: string;
  rotated: boolean;
  /** When the key it replaced stops working (rotations only). */
  previousExpiresAt?: string | null;
}

export interface ScimPageModel {
  organization: OrganizationView;
  keys: ScimKeyView[];
  freshKey?: FreshScimKey;
  notice?: string;
  error?: string;
  defaultOverlapHours: number;
}

const KEY_STATES: Readonly<Record<ScimKeyState, [string, BadgeTone]>> = {
  active: ['Active', 'ok'],
  expiring: ['Expiring', 'warn'],
  expired: ['Expired', 'neutral'],
  revoked: ['Revoked', 'bad'],
};

const OVERLAP_CHOICES = [0, 1, 24, 72, 168];

/**
 * SCIM provisioning (modelled on the product pages in shared/seeds): the Enable SCIM checkbox, the
 * SCIM URL and API key to paste into the IdP, the warning, Save — then the keys themselves.
 */
export function scimPage(layout: ConsoleLayout, csrfToken: string, model: ScimPageModel): RenderedPage {
  const { organization, keys, freshKey } = model;
  const urls = layout.urls;
  const usable = keys.filter((key) => key.state === 'active' || key.state === 'expiring');
  const newest = keys.find((key) => key.state === 'active');

  const keyField = freshKey
    ? html`<p class="callout success" role="status">
          ${freshKey.rotated ? 'The key was rotated.' : 'A new key was issued.'} Copy it now and paste it into
          your identity provider: Roster keeps only its digest and will not show it again.
          ${
            freshKey.rotated && freshKey.previousExpiresAt
              ? html`The previous key keeps working until ${layout.time(freshKey.previousExpiresAt)}.`
              : ''
          }
        </p>
        ${layout.copyField('scim-api-key', 'SCIM API key', freshKey.key)}`
    : html`<div class="field">
        <span class="label">SCIM API key</span>
        ${
          usable.length > 0
            ? html`<p class="mono">${usable[0].displayPrefix}…</p>
                <p class="hint">
                  A key is shown only once, when it is issued or rotated. Lost it? Rotate the key to get a new
                  one.
                </p>`
            : html`<p class="hint">
                No key yet. Issue one below, then paste it into your identity provider.
              </p>`
        }
      </div>`;

  const keyActions: SafeHtml = newest
    ? html`<form method="post" action="${urls.scimKey(organization.id, newest.id, 'rotate')}" class="inline">
        ${layout.csrfField(csrfToken)}
        <div class="field">
          <label for="overlapHours">The current key keeps working for</label>
          <select id="overlapHours" name="overlapHours">
            ${OVERLAP_CHOICES.map(
              (hours) =>
                html`<option value="${hours}" ${hours === model.defaultOverlapHours ? html`selected` : ''}>
                  ${hours === 0 ? 'no overlap (stops at once)' : `${hours} hour${hours === 1 ? '' : 's'}`}
                </option>`,
            )}
          </select>
        </div>
        <button type="submit" class="secondary">Rotate key</button>
      </form>`
    : html`<form method="post" action="${urls.scimKeys(organization.id)}">
        ${layout.csrfField(csrfToken)}
        <button type="submit">Issue API key</button>
      </form>`;

  const rows = keys.map(
    (key) =>
      html`<tr>
        <td class="mono">${key.displayPrefix}…</td>
        <td>${layout.badge(...KEY_STATES[key.state])}</td>
        <td>${layout.time(key.createdAt)}</td>
        <td>${layout.time(key.lastUsedAt)}</td>
        <td>${key.state === 'revoked' ? layout.time(key.revokedAt) : layout.time(key.expiresAt)}</td>
        <td>
          ${
            key.state === 'active' || key.state === 'expiring'
              ? layout.postButton(urls.scimKey(organization.id, key.id, 'revoke'), 'Revoke', csrfToken, {
                  tone: 'danger',
                  small: true,
                  confirm: `Revoke the key ${key.displayPrefix}…? Identity providers using it stop at once.`,
                  accessibleLabel: `Revoke key ${key.displayPrefix}`,
                })
              : ''
          }
        </td>
      </tr>`,
  );

  return layout.page(
    200,
    'SCIM provisioning',
    html`<h1>SCIM provisioning</h1>
      <p class="lead">
        Automatically provision users and groups with your preferred identity provider via SCIM provisioning.
      </p>
      ${model.notice ? html`<p class="callout success" role="status">${model.notice}</p>` : ''}
      ${model.error ? html`<p class="callout error" role="alert">${model.error}</p>` : ''}
      <div class="card">
        <form method="post" action="${urls.organization(organization.id, 'scim')}">
          ${layout.csrfField(csrfToken)}
          <div class="checkbox">
            <input
              type="checkbox"
              id="enabled"
              name="enabled"
              value="on"
              ${organization.scim.enabled ? html`checked` : ''}
            />
            <div>
              <label for="enabled">Enable SCIM</label>
              <p class="hint">
                Set up your preferred identity provider by configuring the URL and SCIM API key.
              </p>
            </div>
          </div>
          ${layout.copyField(
            'scim-url',
            'SCIM URL',
            organization.scim.url,
            'The base (tenant) URL of the SCIM app in Okta, Entra ID, JumpCloud or OneLogin.',
          )}
          ${keyField}
          <p class="callout warning">${SCIM_KEY_WARNING}</p>
          <button type="submit">Save</button>
        </form>
      </div>
      <h2>API keys</h2>
      <div class="card">${keyActions}</div>
      ${
        keys.length > 0
          ? html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Key</th>
                    <th scope="col">State</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">Expires / revoked</th>
                    <th scope="col"><span class="skip">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>
            </div>`
          : ''
      }`,
    { csrfToken, organization, current: 'scim' },
  );
}
