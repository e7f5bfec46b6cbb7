import { MailKind, signInvitationToken, type MailJob } from '@roster/contracts';
import { createHmac } from 'node:crypto';
import { isPlainAddress, singleLine } from '../rendering/inert-text';
import type { MailRenderer } from '../rendering/mail-renderer';

/** A message ready for a transport: rendered, addressed to exactly one mailbox, identified by its event. */
export interface OutgoingMail {
  eventId: string;
  kind: MailKind;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Deterministic, so a resend of the same event can be recognised by receivers. */
  messageId: string;
  headers: Record<string, string>;
}

/** A job that can never become an email (bad address, unusable invitation): bounce, do not retry. */
export class UndeliverableMailError extends Error {
  override readonly name = 'UndeliverableMailError';
}

export interface MailComposerSettings {
  /** MAIL_FROM: its domain names our Message-IDs. */
  mailFrom: string;
  /** PUBLIC_URL: invitation links point at `<PUBLIC_URL>/invitations/accept`. */
  publicUrl: string;
  invitationSecret: string;
}

export const EVENT_ID_HEADER = 'X-Roster-Event-Id';

/** Display name, else a userName that is not an address (an address would only be defanged noise). */
function greetingName(job: MailJob): string | null {
  const displayName = job.member.displayName?.trim();
  if (displayName) return displayName;
  return job.member.userName.includes('@') ? null : job.member.userName;
}

/** The domain of the From address, for Message-IDs (`Roster <roster@example.com>` → `example.com`). */
export function senderDomain(mailFrom: string): string {
  const address = /<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom;
  return address.split('@').pop()?.trim() || 'localhost';
}

/**
 * Builds the message of a mail job: checks the recipient, mints the invitation token now (Redis never
 * holds one, DESIGN.md §5), renders the templates and sets the identifying headers.
 */
export class MailComposer {
  private readonly domain: string;
  private readonly acceptBase: string;
  private readonly adminConsoleUrl: string;

  constructor(
    private readonly renderer: MailRenderer,
    private readonly settings: MailComposerSettings,
  ) {
    this.domain = senderDomain(settings.mailFrom);
    this.acceptBase = `${settings.publicUrl.replace(/\/+$/, '')}/invitations/accept`;
    this.adminConsoleUrl = `${settings.publicUrl.replace(/\/+$/, '')}/admin`;
  }

  compose(job: MailJob, now: Date): OutgoingMail {
    if (!isPlainAddress(job.to))
      throw new UndeliverableMailError('the recipient is not a single plain address');
    const rendered = this.renderer.render({
      kind: job.kind,
      organizationName: job.organization.name,
      recipientName: greetingName(job),
      recipientAddress: job.to,
      ...(job.kind === MailKind.invitation ? this.invitationLink(job, now) : {}),
      ...(job.kind === MailKind.acceptedAdminNotice ? this.adminNotice(job) : {}),
      ...(job.previousUserName !== undefined
        ? { userNameChange: { from: job.previousUserName, to: job.member.userName } }
        : {}),
    });
    return {
      eventId: job.eventId,
      kind: job.kind,
      to: job.to,
      ...rendered,
      messageId: this.messageId(job),
      headers: {
        [EVENT_ID_HEADER]: singleLine(job.eventId, 64),
        // RFC 3834: keeps out-of-office replies away from an address nobody reads.
        'Auto-Submitted': 'auto-generated',
      },
    };
  }

  /** To an admin, about `job.member`: greet nobody by the member's name, name the member instead. */
  private adminNotice(job: MailJob) {
    return {
      recipientName: null,
      acceptedMember: { displayName: job.member.displayName ?? null, userName: job.member.userName },
      adminConsoleUrl: this.adminConsoleUrl,
    };
  }

  private invitationLink(job: MailJob, now: Date): { acceptUrl: string; expiresAt: Date } {
    const invitation = job.invitation;
    if (!invitation) throw new UndeliverableMailError('an invitation job has no invitation');
    const issuedAt = new Date(invitation.issuedAt);
    const expiresAt = new Date(invitation.expiresAt);
    if (Number.isNaN(issuedAt.getTime()) || Number.isNaN(expiresAt.getTime()) || expiresAt <= issuedAt) {
      throw new UndeliverableMailError('the invitation has invalid dates');
    }
    if (expiresAt <= now) throw new UndeliverableMailError('the invitation expired before it could be sent');
    const token = signInvitationToken(
      {
        memberId: job.member.id,
        organizationId: job.organization.id,
        email: job.to,
        issuedAt,
        expiresAt,
        nonce: invitation.nonce,
      },
      this.settings.invitationSecret,
    );
    const acceptUrl = new URL(this.acceptBase);
    acceptUrl.searchParams.set('token', token);
    return { acceptUrl: acceptUrl.toString(), expiresAt };
  }

  /**
   * `<event.digest@domain>`: the same event always gets the same id, while the keyed digest over the
   * event's content keeps ids of different deployments (or of a reset database) from colliding, which
   * would make receivers drop the later message as a duplicate.
   */
  private messageId(job: MailJob): string {
    const event = /^[A-Za-z0-9._-]{1,64}$/.test(job.eventId) ? job.eventId : 'event';
    const digest = createHmac('sha256', this.settings.invitationSecret)
      .update(
        ['roster-message-id', job.eventId, job.kind, job.organization.id, job.member.id, job.to].join('\n'),
      )
      .digest('hex')
      .slice(0, 20);
    return `<${event}.${digest}@${this.domain}>`;
  }
}
