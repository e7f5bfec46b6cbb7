import { MEMBER_STATUSES, MemberStatus, type DeliveryState, type MemberSummary } from '@roster/contracts';
import type { OrganizationView } from '../../admin/dto/organization.dto';
import { attr, html } from '../../web/html';
import type { RenderedPage } from '../../web/send-page';
import type { BadgeTone, ConsoleLayout } from '../console-layout';

export const STATUS_BADGES: Readonly<Record<MemberStatus, [string, BadgeTone]>> = {
  invited: ['Invited', 'info'],
  accepted: ['Accepted', 'warn'],
  confirmed: ['Confirmed', 'ok'],
  revoked: ['Revoked', 'bad'],
};

export const DELIVERY_BADGES: Readonly<Record<DeliveryState, [string, BadgeTone]>> = {
  queued: ['Queued', 'neutral'],
  sent: ['Sent', 'ok'],
  retrying: ['Retrying', 'warn'],
  bounced: ['Bounced', 'bad'],
};

/** What each email kind is called on the pages. */
export const MAIL_KIND_LABELS: Readonly<Record<string, string>> = {
  invitation: 'Invitation',
  revocation: 'Revocation notice',
  restored: 'Restored notice',
  removal: 'Removal notice',
  confirmed: 'Access confirmed',
  acceptedAdminNotice: 'Acceptance notice to admins',
  emailChanged: 'Email change notice',
  userNameChanged: 'Username change notice',
};

export interface MembersPageModel {
  organization: OrganizationView;
  members: MemberSummary[];
  status?: MemberStatus;
  notice?: string;
}

/** Members with status, groups and the last email's delivery; Confirm and Resend where they apply. */
export function membersPage(layout: ConsoleLayout, csrfToken: string, model: MembersPageModel): RenderedPage {
  const { organization, members } = model;
  const urls = layout.urls;
  const base = urls.organization(organization.id, 'members');
  const filters = [undefined, ...MEMBER_STATUSES].map(
    (status) =>
      html`<li>
        <a
          href="${urls.withQuery(base, { status })}"
          ${attr('aria-current', model.status === status && 'page')}
          >${status ? STATUS_BADGES[status][0] : 'All'}</a
        >
      </li>`,
  );
  const rows = members.map((member) => {
    const who = member.displayName ?? member.userName;
    const previous =
      member.status === MemberStatus.revoked && member.statusBeforeRevoke
        ? html`<p class="hint">was ${STATUS_BADGES[member.statusBeforeRevoke][0].toLowerCase()}</p>`
        : '';
    const actions = [
      member.status === MemberStatus.accepted
        ? layout.postButton(urls.member(organization.id, member.id, 'confirm'), 'Confirm', csrfToken, {
            small: true,
            accessibleLabel: `Confirm ${who}`,
          })
        : '',
      member.status === MemberStatus.invited
        ? layout.postButton(
            urls.member(organization.id, member.id, 'resend-invitation'),
            'Resend invitation',
            csrfToken,
            {
              tone: 'secondary',
              small: true,
              accessibleLabel: `Resend the invitation to ${who}`,
            },
          )
        : '',
    ];
    return html`<tr data-member-id="${member.id}">
      <td>
        <strong>${who}</strong>
        ${member.displayName ? html`<p class="hint">${member.userName}</p>` : ''}
      </td>
      <td>${member.email ?? html`<span class="muted">—</span>`}</td>
      <td>${layout.badge(...STATUS_BADGES[member.status])}${previous}</td>
      <td>
        ${member.groups.length > 0 ? member.groups.map((group) => group.displayName).join(', ') : html`<span class="muted">—</span>`}
      </td>
      <td>
        ${
          member.lastEmail
            ? html`${MAIL_KIND_LABELS[member.lastEmail.kind] ?? member.lastEmail.kind}
              ${layout.badge(...DELIVERY_BADGES[member.lastEmail.state])}
              ${member.lastEmail.detail ? html`<p class="hint">${member.lastEmail.detail}</p>` : ''}`
            : html`<span class="muted">—</span>`
        }
      </td>
      <td><div class="actions">${actions}</div></td>
    </tr>`;
  });
  return layout.page(
    200,
    'Members',
    html`<h1>Members</h1>
      <p class="lead">
        Invited members accept by email; accepted members wait for you to confirm them. Your identity provider
        adds, suspends and removes members.
      </p>
      ${model.notice ? html`<p class="callout success" role="status">${model.notice}</p>` : ''}
      <ul class="filters" aria-label="Filter by status">
        ${filters}
      </ul>
      ${
        members.length === 0
          ? html`<p class="empty">
              ${model.status ? `No ${model.status} members.` : 'No members yet: they appear when your identity provider provisions them.'}
            </p>`
          : html`<div class="table-wrap">
              <table>
                <caption>
                  ${members.length} member${members.length === 1 ? '' : 's'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col">Email</th>
                    <th scope="col">Status</th>
                    <th scope="col">Groups</th>
                    <th scope="col">Last email</th>
                    <th scope="col"><span class="skip">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>
            </div>`
      }`,
    { csrfToken, organization, current: 'members' },
  );
}
