import type { OrganizationSettings } from '@roster/contracts';
import type { OrganizationView } from '../../admin/dto/organization.dto';
import { html } from '../../web/html';
import type { RenderedPage } from '../../web/send-page';
import type { ConsoleLayout } from '../console-layout';

export interface SettingsPageModel {
  organization: OrganizationView;
  settings: OrganizationSettings;
  notice?: string;
  error?: string;
}

/** The organization's name and how it onboards members (auto-confirm, who hears of acceptances). */
export function settingsPage(
  layout: ConsoleLayout,
  csrfToken: string,
  model: SettingsPageModel,
): RenderedPage {
  const { organization, settings } = model;
  const action = layout.urls.organization(organization.id, 'settings');
  return layout.page(
    model.error ? 400 : 200,
    'Settings',
    html`<h1>Settings</h1>
      <p class="lead">How ${organization.name} is named and how its members are onboarded.</p>
      ${model.notice ? html`<p class="callout success" role="status">${model.notice}</p>` : ''}
      ${model.error ? html`<p class="callout error" role="alert">${model.error}</p>` : ''}
      <form method="post" action="${action}" class="card">
        ${layout.csrfField(csrfToken)}
        <div class="field">
          <label for="name">Organization name</label>
          <input type="text" id="name" name="name" required maxlength="200" value="${organization.name}" />
          <p class="hint">Shown in every email Roster sends to members.</p>
        </div>
        <div class="checkbox">
          <input
            type="checkbox"
            id="autoConfirm"
            name="autoConfirm"
            value="on"
            ${settings.autoConfirm ? html`checked` : ''}
          />
          <div>
            <label for="autoConfirm">Auto-confirm accepted members</label>
            <p class="hint">
              Members get access as soon as they accept their invitation, without waiting for you.
            </p>
          </div>
        </div>
        <div class="field">
          <label for="adminEmails">Tell these addresses when a member accepts</label>
          <textarea id="adminEmails" name="adminEmails" rows="3" spellcheck="false">
${settings.adminEmails.join('\n')}</textarea>
          <p class="hint">One address per line, at most 20. Leave empty to email nobody.</p>
        </div>
        <button type="submit">Save</button>
      </form>`,
    { csrfToken, organization, current: 'settings' },
  );
}
