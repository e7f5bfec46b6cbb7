import { classifyDeliveryFailure, type DeliveryFailureKind } from './delivery-failure';

/** Builds an error shaped like the ones nodemailer hands back (see its errors.d.ts). */
function smtpError(fields: Record<string, unknown>): Error {
  const message = typeof fields.message === 'string' ? fields.message : 'failed';
  return Object.assign(new Error(message), fields);
}

/** A failure with an SMTP reply, as nodemailer reports one. */
const reply = (code: string, response: string, command = 'DATA') =>
  smtpError({ code, response, command, responseCode: Number(response.slice(0, 3)) });
/** A failure without a reply: the connection could not be made or was lost. */
const socket = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  smtpError({ code, message, ...extra });

describe('classifyDeliveryFailure', () => {
  it.each<[string, unknown, DeliveryFailureKind]>([
    // SMTP replies: the reply class decides (RFC 5321 §4.2.1).
    ['421 service closing at MAIL FROM', reply('EENVELOPE', '421 4.3.2 try later', 'MAIL FROM'), 'transient'],
    ['450 mailbox busy', reply('EENVELOPE', '450 4.2.1 busy', 'RCPT TO'), 'transient'],
    ['451 local error after DATA', reply('EMESSAGE', '451 4.3.0 local error'), 'transient'],
    ['452 insufficient storage', reply('EENVELOPE', '452 4.3.1 full', 'RCPT TO'), 'transient'],
    ['503 bad sequence (session out of step)', reply('EPROTOCOL', '503 5.5.1 bad sequence'), 'transient'],
    ['550 unknown mailbox', reply('EENVELOPE', '550 5.1.1 no such user', 'RCPT TO'), 'permanent'],
    ['552 message too big', reply('EMESSAGE', '552 5.3.4 too big'), 'permanent'],
    ['554 rejected as spam', reply('EMESSAGE', '554 5.7.1 rejected'), 'permanent'],
    // No reply: we could not reach or keep talking to the server.
    [
      'connection refused',
      socket('ESOCKET', 'connect ECONNREFUSED', { originalCode: 'ECONNREFUSED' }),
      'transient',
    ],
    ['plain ECONNREFUSED from a socket', socket('ECONNREFUSED', 'connect ECONNREFUSED'), 'transient'],
    ['connection reset', socket('ECONNRESET', 'read ECONNRESET'), 'transient'],
    ['connection closed unexpectedly', socket('ECONNECTION', 'Connection closed unexpectedly'), 'transient'],
    [
      'greeting timeout',
      socket('ETIMEDOUT', 'Greeting never received', { timeoutType: 'GREETING_TIMEOUT' }),
      'transient',
    ],
    [
      'connect timeout',
      socket('ETIMEDOUT', 'Connection timeout', { timeoutType: 'CONNECT_TIMEOUT' }),
      'transient',
    ],
    ['DNS failure', socket('EDNS', 'getaddrinfo EAI_AGAIN smtp', { originalCode: 'EAI_AGAIN' }), 'transient'],
    // Our own deployment is wrong: retry while the admin fixes it, even though the reply is 5xx.
    ['535 bad credentials', reply('EAUTH', '535 5.7.8 auth failed', 'AUTH PLAIN'), 'transient'],
    ['TLS handshake failure', socket('ETLS', 'self-signed certificate'), 'transient'],
    // The message can never go out as it is.
    ['envelope without a usable recipient', socket('EENVELOPE', 'No recipients defined'), 'permanent'],
    // Anything else: retry, bounded by the job's attempts.
    ['an unknown error', new Error('something odd'), 'transient'],
    ['a thrown string', 'weird', 'transient'],
  ])('%s → %s', (_case, error, kind) => {
    expect(classifyDeliveryFailure(error).kind).toBe(kind);
  });

  it('summarises the reply, its code and the command on one line', () => {
    const failure = classifyDeliveryFailure(
      smtpError({
        code: 'EENVELOPE',
        responseCode: 550,
        response: '550 5.1.1 <bob@example.com>:\r\n no such user',
        command: 'RCPT TO',
      }),
    );
    expect(failure.summary).toBe('EENVELOPE: 550 5.1.1 <bob@example.com>: no such user (after RCPT TO)');
  });

  it('keeps the system cause of a socket error', () => {
    const failure = classifyDeliveryFailure(
      smtpError({
        code: 'ESOCKET',
        originalCode: 'ECONNREFUSED',
        message: 'connect ECONNREFUSED 127.0.0.1:2525',
      }),
    );
    expect(failure.summary).toBe('ESOCKET: connect ECONNREFUSED 127.0.0.1:2525 [ECONNREFUSED]');
  });

  it('bounds the summary length', () => {
    const failure = classifyDeliveryFailure(
      smtpError({ responseCode: 554, response: `554 ${'x'.repeat(5000)}` }),
    );
    expect(failure.summary.length).toBeLessThanOrEqual(500);
  });
});
