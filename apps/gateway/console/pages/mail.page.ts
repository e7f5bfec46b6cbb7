import type { MemberSummary } from '@roster/contracts';
import type { OrganizationView } from '../../admin/dto/organization.dto';
import { html } from '../../web/html';
import type { RenderedPage } from '../../web/send-page';
import type { ConsoleLayout } from '../console-layout';
import { DELIVERY_BADGES, MAIL_KIND_LABELS } from './members.page';

/** The last email of each member, most recent first: what is stuck retrying or bounced shows here. */
export function mailPage(
  layout: ConsoleLayout,
  csrfToken: string,
  organization: OrganizationView,
  members: MemberSummary[],
): RenderedPage {
  const deliveries = members
    .filter((member) => member.lastEmail !== null)
    .sort((a, b) => Date.parse(b.lastEmail!.updatedAt) - Date.parse(a.lastEmail!.updatedAt));
  const troubled = deliveries.filter(
    (member) => member.lastEmail!.state === 'bounced' || member.lastEmail!.state === 'retrying',
  ).length;
  const rows = deliveries.map((member) => {
    const email = member.lastEmail!;
    return html`<tr>
      <td>${member.email ?? member.userName}</td>
      <td>${MAIL_KIND_LABELS[email.kind] ?? email.kind}</td>
      <td>${layout.badge(...DELIVERY_BADGES[email.state])}</td>
      <td>${layout.time(email.updatedAt)}</td>
      <td>${email.detail ?? html`<span class="muted">—</span>`}</td>
    </tr>`;
  });
  return layout.page(
    200,
    'Mail deliveries',
    html`<h1>Mail deliveries</h1>
      <p class="lead">
        The last email Roster sent each member. Temporary failures are retried for at least 24 hours; a
        bounced email is not retried — fix the address in your identity provider.
      </p>
      ${
        troubled > 0
          ? html`<p class="callout warning">
              ${troubled} email${troubled === 1 ? ' is' : 's are'} retrying or bounced.
            </p>`
          : ''
      }
      ${
        deliveries.length === 0
          ? html`<p class="empty">No email sent yet.</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Recipient</th>
                    <th scope="col">Email</th>
                    <th scope="col">Delivery</th>
                    <th scope="col">Updated</th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>
            </div>`
      }`,
    { csrfToken, organization, current: 'mail' },
  );
}
