/**
 * Whether a failed send is worth retrying (SPEC §7): the SMTP reply class decides when there is one
 * (RFC 5321 §4.2.1: 4yz transient, 5yz permanent); without a reply, a failure to reach or talk to
 * the server is transient. Errors that come from our own deployment (bad credentials, TLS setup) are
 * transient too: retrying for a day gives the admin time to fix them, bouncing would lose the mail.
 */
export type DeliveryFailureKind = 'transient' | 'permanent';

export interface DeliveryFailure {
  kind: DeliveryFailureKind;
  /** One line for logs and the admin's delivery view: reply code, text and command; never a secret. */
  summary: string;
}

/** The fields nodemailer and Node put on a failed send. */
interface SendError {
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  message?: unknown;
}

const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPROXY',
]);
/** Our side of the session is misconfigured: the admin can fix it while we retry. */
const DEPLOYMENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EREQUIRETLS', 'ECONFIG']);
/** The message itself can never be sent as it is. */
const MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

const SUMMARY_MAX_LENGTH = 500;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]+/g;

function oneLine(value: string): string {
  const flat = value.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > SUMMARY_MAX_LENGTH ? `${flat.slice(0, SUMMARY_MAX_LENGTH - 1)}…` : flat;
}

function summarise(error: SendError): string {
  const code = text(error.code);
  const reply = text(error.response) ?? text(error.message) ?? 'unknown error';
  const command = text(error.command);
  const cause = text(error.originalCode);
  const parts = [
    code && !reply.startsWith(code) ? `${code}:` : undefined,
    reply,
    command ? `(after ${command})` : undefined,
    cause && cause !== code ? `[${cause}]` : undefined,
  ];
  return oneLine(parts.filter(Boolean).join(' '));
}

/** Classifies an error thrown by a send (nodemailer, a socket, the file system). */
export function classifyDeliveryFailure(error: unknown): DeliveryFailure {
  const e: SendError = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const summary = summarise(e);
  const code = text(e.code);
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;

  if (code && DEPLOYMENT_CODES.has(code)) return { kind: 'transient', summary };
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 600) {
    // 503 "bad sequence of commands" says the session was out of step, not that the message was refused.
    const permanent = responseCode >= 500 && responseCode !== 503;
    return { kind: permanent ? 'permanent' : 'transient', summary };
  }
  if ((code && CONNECTION_CODES.has(code)) || CONNECTION_CODES.has(text(e.originalCode) ?? '')) {
    return { kind: 'transient', summary };
  }
  if (code && MESSAGE_CODES.has(code)) return { kind: 'permanent', summary };
  // Unknown failures retry: bounded by the job's attempts, and a lost invitation is worse than a late one.
  return { kind: 'transient', summary };
}
