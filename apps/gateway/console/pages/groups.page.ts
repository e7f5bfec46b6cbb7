import type { OrganizationView } from '../../admin/dto/organization.dto';
import type { GroupListView } from '../../admin/dto/group.views';
import { html } from '../../web/html';
import type { RenderedPage } from '../../web/send-page';
import type { ConsoleLayout } from '../console-layout';

/** Members listed in the table before the rest folds into a disclosure. */
const MEMBERS_SHOWN = 5;

/** The groups the IdP pushed, with their members (the IdP is their source of truth: read-only here). */
export function groupsPage(
  layout: ConsoleLayout,
  csrfToken: string,
  organization: OrganizationView,
  list: GroupListView,
): RenderedPage {
  const rows = list.groups.map((group) => {
    const names = group.members.map((member) => member.displayName ?? member.userName);
    const shown = names.slice(0, MEMBERS_SHOWN).join(', ');
    return html`<tr>
      <td><strong>${group.displayName}</strong></td>
      <td class="mono">${group.externalId ?? html`<span class="muted">—</span>`}</td>
      <td class="num">${group.memberCount}</td>
      <td>
        ${
          names.length === 0
            ? html`<span class="muted">No members</span>`
            : names.length <= MEMBERS_SHOWN
              ? shown
              : html`<details>
                  <summary>${shown} and ${names.length - MEMBERS_SHOWN} more</summary>
                  <p>${names.join(', ')}</p>
                </details>`
        }
      </td>
      <td>${layout.time(group.updatedAt)}</td>
    </tr>`;
  });
  return layout.page(
    200,
    'Groups',
    html`<h1>Groups</h1>
      <p class="lead">
        Groups your identity provider pushes. Change them there: the IdP is their source of truth.
      </p>
      ${
        list.groups.length === 0
          ? html`<p class="empty">No groups yet.</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col">External id</th>
                    <th scope="col" class="num">Members</th>
                    <th scope="col">Who</th>
                    <th scope="col">Changed</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>
            </div>`
      }`,
    { csrfToken, organization, current: 'groups' },
  );
}
