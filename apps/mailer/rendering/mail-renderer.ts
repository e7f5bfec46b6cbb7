import { MAIL_KINDS, type MailKind } from '@roster/contracts';
import Handlebars from 'handlebars';
import { inertText, singleLine } from './inert-text';

/** Template sources of every kind: an HTML and a text part, and the HTML layout they share. */
export interface MailTemplateSources {
  layoutHtml: string;
  kinds: Record<MailKind, { html: string; text: string }>;
}

/** What an email says; the renderer makes every user-controlled value inert. */
export interface MailContent {
  kind: MailKind;
  organizationName: string;
  /** Display name, else userName; null greets without a name. */
  recipientName: string | null;
  /** The single plain address the email goes to. */
  recipientAddress: string;
  /** Invitations only: the accept link (ours, not user-controlled) and when it expires. */
  acceptUrl?: string;
  expiresAt?: Date;
  /** Admin notices only: the member the notice is about (user-controlled, made inert). */
  acceptedMember?: { displayName: string | null; userName: string };
  /** Admin notices only: where the admin acts on it (ours, built from PUBLIC_URL). */
  adminConsoleUrl?: string;
  /** Change notices: the member's userName before and after (user-controlled, made inert). */
  userNameChange?: { from: string; to: string };
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const SUBJECTS: Record<MailKind, string> = {
  invitation: 'You are invited to join {{organizationName}}',
  revocation: 'Your access to {{organizationName}} was revoked',
  restored: 'Your access to {{organizationName}} was restored',
  removal: 'You were removed from {{organizationName}}',
  confirmed: 'You now have access to {{organizationName}}',
  acceptedAdminNotice: '{{acceptedMemberName}} accepted the invitation to {{organizationName}}',
  emailChanged: 'Your email address at {{organizationName}} was changed',
  userNameChanged: 'Your username at {{organizationName}} was changed',
};

const SUBJECT_MAX_LENGTH = 250;
const EXPIRY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

type Template = Handlebars.TemplateDelegate<Record<string, unknown>>;
interface CompiledKind {
  subject: Template;
  html: Template;
  text: Template;
}

/**
 * Renders Roster's emails. Templates are compiled once, in their own Handlebars environment, when the
 * renderer is created; HTML parts escape every value, text parts and subjects are compiled with
 * `noEscape` and receive only sanitised values (inertText).
 */
export class MailRenderer {
  private constructor(private readonly compiled: Record<MailKind, CompiledKind>) {}

  static compile(sources: MailTemplateSources): MailRenderer {
    const handlebars = Handlebars.create();
    handlebars.registerPartial('layout', sources.layoutHtml);
    const options = { strict: true, knownHelpersOnly: true };
    const compiled = Object.fromEntries(
      MAIL_KINDS.map((kind) => {
        const source = sources.kinds[kind];
        if (!source?.html || !source?.text) throw new Error(`mail templates for "${kind}" are missing`);
        const kindTemplates: CompiledKind = {
          subject: handlebars.compile(SUBJECTS[kind], { ...options, noEscape: true }),
          html: handlebars.compile(source.html, options),
          text: handlebars.compile(source.text, { ...options, noEscape: true }),
        };
        return [kind, kindTemplates];
      }),
    ) as Record<MailKind, CompiledKind>;
    return new MailRenderer(compiled);
  }

  render(content: MailContent): RenderedMail {
    const templates = this.compiled[content.kind];
    if (!templates) throw new Error(`unknown mail kind "${String(content.kind)}"`);
    if (content.kind === 'invitation' && (!content.acceptUrl || !content.expiresAt)) {
      throw new Error('an invitation needs an accept link and an expiry');
    }
    if (content.kind === 'acceptedAdminNotice' && (!content.acceptedMember || !content.adminConsoleUrl)) {
      throw new Error('an accepted-member notice needs the member and the admin console link');
    }
    if (content.kind === 'userNameChanged' && !content.userNameChange) {
      throw new Error('a username change notice needs the previous and the new username');
    }
    const values = {
      organizationName: inertText(content.organizationName),
      recipientName: inertText(content.recipientName) || null,
      recipientAddress: singleLine(content.recipientAddress, 320),
      acceptUrl: content.acceptUrl ?? null,
      expiresAt: content.expiresAt ? `${EXPIRY_FORMAT.format(content.expiresAt)} UTC` : null,
      ...acceptedMemberValues(content.acceptedMember),
      adminConsoleUrl: content.adminConsoleUrl ?? null,
      previousUserName: content.userNameChange ? inertText(content.userNameChange.from, 512) : null,
      newUserName: content.userNameChange ? inertText(content.userNameChange.to, 512) : null,
    };
    const subject = singleLine(templates.subject(values), SUBJECT_MAX_LENGTH);
    return {
      subject,
      html: templates.html({ ...values, subject }),
      text: templates.text(values),
    };
  }
}

/** Who accepted, for an admin: the display name, with the userName beside it when both are known. */
function acceptedMemberValues(member: MailContent['acceptedMember']) {
  const userName = inertText(member?.userName);
  const displayName = inertText(member?.displayName);
  return {
    acceptedMemberName: displayName || userName || null,
    acceptedMemberUserName: displayName && userName ? userName : null,
  };
}
