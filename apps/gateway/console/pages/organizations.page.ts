import type { OrganizationListView } from '../../admin/dto/organization-admin.dto';
import { html } from '../../web/html';
import type { RenderedPage } from '../../web/send-page';
import type { ConsoleLayout } from '../console-layout';

/** Every organization of the deployment, and the form that creates one. */
export function organizationsPage(
  layout: ConsoleLayout,
  csrfToken: string,
  list: OrganizationListView,
  options: { error?: string; name?: string; cursor?: string } = {},
): RenderedPage {
  const rows = list.organizations.map(
    (organization) =>
      html`<tr>
        <td><a href="${layout.urls.organization(organization.id)}">${organization.name}</a></td>
        <td>
          ${organization.scim.enabled ? layout.badge('Enabled', 'ok') : layout.badge('Disabled', 'neutral')}
        </td>
        <td>${layout.time(organization.createdAt)}</td>
        <td class="mono">${organization.id}</td>
      </tr>`,
  );
  return layout.page(
    options.error ? 400 : 200,
    'Organizations',
    html`<h1>Organizations</h1>
      <p class="lead">Each organization has its own SCIM URL and API keys, members and groups.</p>
      <div class="card">
        <h2>New organization</h2>
        ${options.error ? html`<p class="callout error" role="alert">${options.error}</p>` : ''}
        <form method="post" action="${layout.urls.organizations}" class="inline">
          ${layout.csrfField(csrfToken)}
          <div class="field">
            <label for="name">Name</label>
            <input type="text" id="name" name="name" required maxlength="200" value="${options.name ?? ''}" />
          </div>
          <button type="submit">Create organization</button>
        </form>
      </div>
      ${
        list.organizations.length === 0
          ? html`<p class="empty">No organization yet. Create the first one above.</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">SCIM</th>
                    <th scope="col">Created</th>
                    <th scope="col">Organization id</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>
            </div>`
      }
      ${
        list.nextCursor
          ? html`<p class="pager">
              <a href="${layout.urls.withQuery(layout.urls.organizations, { cursor: list.nextCursor })}"
                >More organizations →</a
              >
            </p>`
          : ''
      }`,
    { csrfToken, current: 'organizations' },
  );
}
