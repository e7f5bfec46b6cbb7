import { MemberStatus, type InvitationAcceptance, type InvitationView } from '@roster/contracts';
import { html, type SafeHtml } from '../web/html';
import type { RenderedPage } from '../web/send-page';
import { INVITATION_STYLESHEET_VERSION } from './invitation-stylesheet';

/** Every link a page contains, built from PUBLIC_URL only (never from the request's Host). */
export class InvitationPageUrls {
  readonly accept: string;
  readonly stylesheet: string;

  constructor(publicUrl: string) {
    this.accept = `${publicUrl}/invitations/accept`;
    this.stylesheet = `${publicUrl}/invitations/assets/invitation.css?v=${INVITATION_STYLESHEET_VERSION}`;
  }
}

/**
 * The one page for every link that cannot be used — expired, used, revoked, tampered, re-issued:
 * the same status and text whatever the reason, so the page never tells which it was.
 */
export const CLOSED_LINK_STATUS = 404;

/**
 * The invitation pages (SPEC §7): plain server-rendered HTML, no script, no inline style, a form
 * that works without JavaScript. Every value is escaped by `html`.
 */
export class InvitationPages {
  constructor(private readonly urls: InvitationPageUrls) {}

  /** Shows whose invitation it is; accepting takes the button (a POST), never the GET of the link. */
  accept(invitation: InvitationView, token: string): RenderedPage {
    const { organizationName, email } = invitation;
    return this.page(
      200,
      `Join ${organizationName}`,
      html` <p class="eyebrow">Invitation</p>
        <h1>Join ${organizationName}</h1>
        <p>You have been invited to join <strong>${organizationName}</strong> with this address:</p>
        <p class="address">${email}</p>
        <form method="post" action="${this.urls.accept}">
          <input type="hidden" name="token" value="${token}" />
          <button type="submit">Accept invitation</button>
        </form>
        <p class="note">
          If you did not expect this invitation, close this page: nothing happens unless you accept.
        </p>`,
    );
  }

  accepted(result: InvitationAcceptance): RenderedPage {
    const { organizationName, email } = result;
    if (result.status === MemberStatus.confirmed) {
      return this.page(
        200,
        `Welcome to ${organizationName}`,
        html` <p class="eyebrow">Invitation accepted</p>
          <h1>Welcome to ${organizationName}</h1>
          <p>
            Your membership is confirmed: you now have access to <strong>${organizationName}</strong> with
            <strong>${email}</strong>.
          </p>
          <p class="note">We also sent this confirmation to ${email}. You can close this page.</p>`,
      );
    }
    return this.page(
      200,
      'Invitation accepted',
      html` <p class="eyebrow">Invitation accepted</p>
        <h1>Thank you — an administrator will confirm you</h1>
        <p>
          You accepted the invitation to join <strong>${organizationName}</strong> as
          <strong>${email}</strong>.
        </p>
        <p>
          An administrator of ${organizationName} will now confirm your membership. You will get an email at
          ${email} when you have access.
        </p>
        <p class="note">You can close this page.</p>`,
    );
  }

  closedLink(): RenderedPage {
    return this.page(
      CLOSED_LINK_STATUS,
      'This invitation link no longer works',
      html` <p class="eyebrow">Invitation</p>
        <h1>This invitation link no longer works</h1>
        <p>
          Invitation links work once and only for a few days, and a new invitation replaces the links sent
          before it.
        </p>
        <p>
          Ask an administrator of the organization to send you the invitation again, then use the link in the
          newest email.
        </p>`,
    );
  }

  unavailable(): RenderedPage {
    return this.page(
      503,
      'Temporarily unavailable',
      html` <p class="eyebrow">Invitation</p>
        <h1>Roster is temporarily unavailable</h1>
        <p>Please try again in a few minutes with the same link.</p>`,
    );
  }

  failed(): RenderedPage {
    return this.page(
      500,
      'Something went wrong',
      html` <p class="eyebrow">Invitation</p>
        <h1>Something went wrong</h1>
        <p>
          The problem has been logged. Please try again later with the same link; if it keeps happening, ask
          an administrator of the organization for help.
        </p>`,
    );
  }

  private page(status: number, title: string, content: SafeHtml): RenderedPage {
    const document = html`<!DOCTYPE html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <meta name="robots" content="noindex" />
          <title>${title} · Roster</title>
          <link rel="stylesheet" href="${this.urls.stylesheet}" />
        </head>
        <body>
          <main>${content}</main>
          <footer>Roster</footer>
        </body>
      </html> `;
    return { status, html: document.markup };
  }
}
