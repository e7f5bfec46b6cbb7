import { attr, html, type SafeHtml } from '../web/html';
import type { RenderedPage } from '../web/send-page';
import { CONSOLE_SCRIPT_VERSION, CONSOLE_STYLESHEET_VERSION } from './console-assets';
import { ORGANIZATION_PAGES, type ConsoleUrls, type OrganizationPage } from './console-urls';

/** What a signed-in page needs besides its content: the session's CSRF token and where it is. */
export interface ConsoleFrame {
  csrfToken: string;
  organization?: { id: string; name: string };
  current?: OrganizationPage | 'organizations';
}

const PAGE_LABELS: Readonly<Record<OrganizationPage, string>> = {
  scim: 'SCIM provisioning',
  members: 'Members',
  groups: 'Groups',
  'provisioning-log': 'Provisioning log',
  mail: 'Mail deliveries',
  settings: 'Settings',
};

export type BadgeTone = 'ok' | 'info' | 'warn' | 'bad' | 'neutral';

/**
 * The console's page shell and the small pieces every page uses. Every value goes through `html`,
 * so names an IdP or an admin typed are only ever text.
 */
export class ConsoleLayout {
  constructor(readonly urls: ConsoleUrls) {}

  /** A signed-in page: top bar, the organization's navigation (when there is one), the content. */
  page(status: number, title: string, content: SafeHtml, frame: ConsoleFrame): RenderedPage {
    const organization = frame.organization;
    const navigation = html`<nav class="sidebar" aria-label="Console">
      <ul>
        <li>
          <a
            href="${this.urls.organizations}"
            ${attr('aria-current', frame.current === 'organizations' && 'page')}
            >All organizations</a
          >
        </li>
      </ul>
      ${
        organization
          ? html`<h2>${organization.name}</h2>
              <ul>
                ${ORGANIZATION_PAGES.map(
                  (page) =>
                    html`<li>
                      <a
                        href="${this.urls.organization(organization.id, page)}"
                        ${attr('aria-current', frame.current === page && 'page')}
                        >${PAGE_LABELS[page]}</a
                      >
                    </li>`,
                )}
              </ul>`
          : ''
      }
    </nav>`;
    const body = html`<a class="skip" href="#content">Skip to content</a>
      <header class="topbar">
        <a class="brand" href="${this.urls.organizations}">Roster <span>admin console</span></a>
        <form method="post" action="${this.urls.signOut}">
          ${this.csrfField(frame.csrfToken)}
          <button type="submit" class="secondary small">Sign out</button>
        </form>
      </header>
      <div class="layout">
        ${navigation}
        <main id="content">${content}</main>
      </div>`;
    return this.document(status, organization ? `${title} · ${organization.name}` : title, body);
  }

  /** A page outside a session (sign-in, errors before sign-in): one narrow column. */
  bare(status: number, title: string, content: SafeHtml): RenderedPage {
    return this.document(status, title, html`<main id="content" class="narrow">${content}</main>`);
  }

  csrfField(token: string): SafeHtml {
    return html`<input type="hidden" name="_csrf" value="${token}" />`;
  }

  /** A one-button form that posts to `action` (Confirm, Resend, Revoke...). */
  postButton(
    action: string,
    label: string,
    csrfToken: string,
    options: {
      tone?: 'secondary' | 'danger';
      confirm?: string;
      small?: boolean;
      accessibleLabel?: string;
    } = {},
  ): SafeHtml {
    const classes = [options.tone, options.small ? 'small' : undefined].filter(Boolean).join(' ');
    return html`<form method="post" action="${action}" ${attr('data-confirm', options.confirm)}>
      ${this.csrfField(csrfToken)}
      <button type="submit" ${attr('class', classes || false)}${attr('aria-label', options.accessibleLabel)}>
        ${label}
      </button>
    </form>`;
  }

  badge(text: string, tone: BadgeTone): SafeHtml {
    return html`<span class="badge ${tone}">${text}</span>`;
  }

  /** A time as UTC text, machine-readable in `datetime`; a dash when there is none. */
  time(iso: string | null | undefined): SafeHtml {
    if (!iso) return html`<span class="muted">—</span>`;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return html`${iso}`;
    const text = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return html`<time datetime="${date.toISOString()}">${text}</time>`;
  }

  /** A read-only field with a Copy button (shown by the console script; without it, select and copy). */
  copyField(id: string, label: string, value: string, hint?: SafeHtml | string): SafeHtml {
    return html`<div class="field">
      <label for="${id}">${label}</label>
      <div class="copyable">
        <input type="text" id="${id}" value="${value}" readonly spellcheck="false" autocomplete="off" />
        <button type="button" class="secondary" data-copy="${id}" hidden>Copy</button>
      </div>
      ${hint ? html`<p class="hint">${hint}</p>` : ''}
    </div>`;
  }

  private document(status: number, title: string, body: SafeHtml): RenderedPage {
    const document = html`<!DOCTYPE html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="same-origin" />
          <meta name="robots" content="noindex" />
          <title>${title} · Roster</title>
          <link rel="stylesheet" href="${this.urls.asset('console.css', CONSOLE_STYLESHEET_VERSION)}" />
          <script src="${this.urls.asset('console.js', CONSOLE_SCRIPT_VERSION)}" defer></script>
        </head>
        <body>
          ${body}
          <footer>Roster · SCIM 2.0 provisioning</footer>
        </body>
      </html>`;
    return { status, html: document.markup };
  }
}
