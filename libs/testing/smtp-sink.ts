import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream } from 'smtp-server';

/** An email as the sink received it: envelope, parsed headers and both parts. */
export interface SinkMessage {
  /** Addresses of the To header. */
  to: string[];
  /** Address of the From header. */
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string | undefined;
  /** Header values by lower-case name (the first of repeated headers), e.g. `x-roster-event-id`. */
  headers: Record<string, string>;
  /** Every header in order, repeats included: an injected header shows up here. */
  headerList: { key: string; value: string }[];
  /** What the client said in MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  raw: string;
}

/** Where a scripted failure is answered: MAIL FROM, RCPT TO, or after the message data. */
export type SmtpStage = 'mail' | 'rcpt' | 'data';

export interface ScriptedFailure {
  code: number;
  message?: string;
  stage?: SmtpStage;
}

/** A reply the sink refused a transaction with. */
export interface SinkRejection {
  stage: SmtpStage;
  code: number;
  message: string;
  recipient?: string;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Messages accepted so far, in order. */
  readonly messages: readonly SinkMessage[];
  /** Replies the sink refused transactions with, in order. */
  readonly rejections: readonly SinkRejection[];
  /** The first message (received or to come) matching `predicate`. */
  waitFor(predicate?: (message: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  /** Resolves once `count` messages match `predicate`, with those messages. */
  waitForCount(
    count: number,
    predicate?: (message: SinkMessage) => boolean,
    timeoutMs?: number,
  ): Promise<SinkMessage[]>;
  /** Refuses the next `transactions` transactions with `code` (421, 451, 550...) at `stage` (default `data`). */
  failNext(transactions: number, failure: ScriptedFailure): void;
  /** Refuses every RCPT TO of `address` with `code`. */
  rejectRecipient(address: string, code?: number, message?: string): void;
  /** Forgets messages, rejections and scripted failures. */
  clear(): void;
  close(): Promise<void>;
}

interface Waiter {
  matches(): boolean;
  cancel(reason: Error): void;
}

const always = () => true;

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

async function parseMessage(raw: Buffer, envelope: SinkMessage['envelope']): Promise<SinkMessage> {
  const email = await PostalMime.parse(raw);
  const mailboxes = (list: typeof email.to) =>
    (list ?? [])
      .flatMap((entry) => ('group' in entry && entry.group ? entry.group : [entry]))
      .map((mailbox) => ('address' in mailbox ? (mailbox.address ?? '') : ''))
      .filter(Boolean);
  const headers: Record<string, string> = {};
  for (const { key, value } of email.headers) headers[key] ??= value;
  return {
    to: mailboxes(email.to),
    from: email.from && 'address' in email.from ? (email.from.address ?? '') : '',
    subject: email.subject ?? '',
    text: email.text ?? '',
    html: email.html ?? '',
    messageId: email.messageId,
    headers,
    headerList: email.headers.map(({ key, value }) => ({ key, value })),
    envelope,
    raw: raw.toString('utf8'),
  };
}

/**
 * An in-process SMTP server on 127.0.0.1 and a free port, without TLS or AUTH, that keeps what it
 * receives for tests to read like a user would (DESIGN.md §9), and can be told to refuse mail.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  const rejections: SinkRejection[] = [];
  let script: Required<ScriptedFailure>[] = [];
  const rejectedRecipients = new Map<string, { code: number; message: string }>();
  const waiters = new Set<Waiter>();
  const notify = () => waiters.forEach((waiter) => waiter.matches() && waiters.delete(waiter));

  /** Takes the next scripted failure if it is due at `stage`. */
  function scripted(stage: SmtpStage): Error | undefined {
    const next = script[0];
    if (!next || next.stage !== stage) return undefined;
    script = script.slice(1);
    rejections.push({ stage, code: next.code, message: next.message });
    return smtpError(next.code, next.message);
  }

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onMailFrom(_address: SMTPServerAddress, _session, callback) {
      callback(scripted('mail'));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const rejected = rejectedRecipients.get(address.address.toLowerCase());
      if (rejected) {
        rejections.push({ stage: 'rcpt', ...rejected, recipient: address.address });
        return callback(smtpError(rejected.code, rejected.message));
      }
      callback(scripted('rcpt'));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        const failure = scripted('data');
        if (failure) return callback(failure);
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        parseMessage(Buffer.concat(chunks), envelope).then(
          (message) => {
            messages.push(message);
            callback(null);
            notify();
          },
          (error: Error) => callback(smtpError(554, `sink could not parse the message: ${error.message}`)),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  function wait<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(
          new Error(
            `SMTP sink: timed out after ${timeoutMs} ms waiting for ${describe()}; received: ${summary()}`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        matches() {
          const found = check();
          if (found === undefined) return false;
          clearTimeout(timer);
          resolve(found);
          return true;
        },
        cancel(reason) {
          clearTimeout(timer);
          reject(reason);
        },
      };
      if (!waiter.matches()) waiters.add(waiter);
    });
  }

  const summary = () =>
    messages.length === 0 ? 'nothing' : messages.map((m) => `[${m.to.join(', ')}] "${m.subject}"`).join('; ');

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejections,
    waitFor(predicate = always, timeoutMs = 10_000) {
      return wait(
        () => messages.find(predicate),
        timeoutMs,
        () => 'a matching message',
      );
    },
    waitForCount(count, predicate = always, timeoutMs = 10_000) {
      return wait(
        () => {
          const found = messages.filter(predicate);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        () => `${count} matching messages`,
      );
    },
    failNext(transactions, { code, message, stage = 'data' }) {
      const reply = message ?? (code >= 500 ? 'Requested action not taken' : 'Try again later');
      for (let i = 0; i < transactions; i += 1) script.push({ code, message: reply, stage });
    },
    rejectRecipient(address, code = 550, message = 'No such user here') {
      rejectedRecipients.set(address.toLowerCase(), { code, message });
    },
    clear() {
      messages.length = 0;
      rejections.length = 0;
      script = [];
      rejectedRecipients.clear();
    },
    close() {
      for (const waiter of waiters) waiter.cancel(new Error('SMTP sink closed'));
      waiters.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
