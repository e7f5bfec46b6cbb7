import { constants } from 'node:fs';
import { access, mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Clock } from '../mailer.tokens';
import type { OutgoingMail } from './outgoing-mail';

/** Where a message went: the SMTP server's reply, or the .eml file it was written to. */
export interface DeliveryReceipt {
  messageId: string;
  response?: string;
  file?: string;
}

/** Sends one message over SMTP, or writes it to MAIL_DIR when no SMTP server is configured. */
export interface MailTransport {
  readonly mode: 'smtp' | 'file';
  /** Where messages go, for logs: the SMTP URL without its password, or the directory. */
  readonly target: string;
  send(mail: OutgoingMail): Promise<DeliveryReceipt>;
  /** Whether a message could be handed over now (readiness). */
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

/** Timeouts below DESIGN.md §5's bounds: a dead relay fails the attempt instead of holding a worker slot. */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 30_000,
  greetingTimeout: 20_000,
  socketTimeout: 60_000,
  dnsTimeout: 15_000,
} as const;

function messageOptions(from: string, mail: OutgoingMail): SendMailOptions {
  return {
    from,
    // An address object, and an explicit envelope: the recipient is never parsed as a list.
    to: { name: '', address: mail.to },
    envelope: { from: extractAddress(from), to: [mail.to] },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: mail.headers,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

function extractAddress(mailbox: string): string {
  return /<([^<>]+)>\s*$/.exec(mailbox)?.[1] ?? mailbox.trim();
}

export class SmtpMailTransport implements MailTransport {
  readonly mode = 'smtp';
  private readonly transporter: ReturnType<typeof SmtpMailTransport.createTransporter>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    readonly target: string,
    maxConnections: number,
  ) {
    this.transporter = SmtpMailTransport.createTransporter(smtpUrl, maxConnections);
  }

  private static createTransporter(url: string, maxConnections: number) {
    return nodemailer.createTransport({
      url,
      pool: true,
      maxConnections,
      // A dropped connection fails the attempt: BullMQ retries it with backoff and the retry is
      // reported, instead of the pool resending on its own where nobody sees it.
      maxRequeues: 0,
      ...SMTP_TIMEOUTS,
      logger: false,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(mail: OutgoingMail): Promise<DeliveryReceipt> {
    const info = await this.transporter.sendMail(messageOptions(this.from, mail));
    return { messageId: info.messageId, response: info.response };
  }

  async isReachable(): Promise<boolean> {
    try {
      return await this.transporter.verify();
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/** Writes `MAIL_DIR/<timestamp>-<eventId>.eml`, for a first run without an SMTP server (SPEC §8). */
export class FileMailTransport implements MailTransport {
  readonly mode = 'file';
  readonly target: string;
  private readonly transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });

  constructor(
    directory: string,
    private readonly from: string,
    private readonly clock: Clock,
  ) {
    this.target = resolve(directory);
  }

  async prepare(): Promise<void> {
    await mkdir(this.target, { recursive: true });
  }

  async send(mail: OutgoingMail): Promise<DeliveryReceipt> {
    const info = await this.transporter.sendMail(messageOptions(this.from, mail));
    const stamp = this.clock.now().toISOString().replace(/[-:]/g, '').replace('.', '');
    const file = join(this.target, `${stamp}-${mail.eventId.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`);
    // Written under a temporary name first, so a reader never sees half a message.
    await writeFile(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
    return { messageId: info.messageId, file };
  }

  async isReachable(): Promise<boolean> {
    return access(this.target, constants.W_OK).then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

export interface MailTransportSettings {
  /** SMTP_URL; unset writes .eml files to `mailDir`. */
  smtpUrl?: string;
  /** The same URL without its password, for logs. */
  smtpTarget?: string;
  from: string;
  mailDir: string;
  /** Emails sent at once by this replica: the pool opens no more connections than that, and at most 5. */
  concurrency: number;
}

export async function createMailTransport(
  settings: MailTransportSettings,
  clock: Clock,
): Promise<MailTransport> {
  if (settings.smtpUrl) {
    const maxConnections = Math.min(settings.concurrency, 5);
    return new SmtpMailTransport(
      settings.smtpUrl,
      settings.from,
      settings.smtpTarget ?? 'smtp',
      maxConnections,
    );
  }
  const transport = new FileMailTransport(settings.mailDir, settings.from, clock);
  await transport.prepare();
  return transport;
}
