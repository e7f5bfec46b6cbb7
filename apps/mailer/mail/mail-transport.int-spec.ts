import { createServer, type Server } from 'node:net';
import { startSmtpSink, type SmtpSink } from '../../../libs/testing/smtp-sink';
import { classifyDeliveryFailure } from './delivery-failure';
import { SmtpMailTransport } from './mail-transport';
import type { OutgoingMail } from './outgoing-mail';

const mail: OutgoingMail = {
  eventId: '1',
  kind: 'removal',
  to: 'alice@example.com',
  subject: 'You were removed from Acme',
  html: '<p>Bye</p>',
  text: 'Bye',
  messageId: '<1.abc@roster.test>',
  headers: { 'X-Roster-Event-Id': '1' },
};

/** A port nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The real errors nodemailer raises, classified as the processor will (SPEC §7: 4xx and connection retry). */
describe('SMTP failures as the worker sees them', () => {
  let sink: SmtpSink;
  let transport: SmtpMailTransport;

  beforeAll(async () => {
    sink = await startSmtpSink();
    transport = new SmtpMailTransport(sink.url, 'Roster <roster@roster.test>', sink.url, 2);
  });
  afterEach(() => sink.clear());
  afterAll(async () => {
    await transport.close();
    await sink.close();
  });

  const failureOf = (send: Promise<unknown>) =>
    send.then(
      () => {
        throw new Error('the send succeeded');
      },
      (error: unknown) => classifyDeliveryFailure(error),
    );

  it('delivers to exactly the one recipient with the event header', async () => {
    await transport.send(mail);
    const received = await sink.waitFor();
    expect(received.envelope).toEqual({ from: 'roster@roster.test', to: ['alice@example.com'] });
    expect(received.headers['x-roster-event-id']).toBe('1');
    expect(received.messageId).toBe('<1.abc@roster.test>');
  });

  it('classifies a refused connection as transient', async () => {
    const port = await closedPort();
    const unreachable = new SmtpMailTransport(`smtp://127.0.0.1:${port}`, 'roster@roster.test', 'x', 1);
    try {
      const failure = await failureOf(unreachable.send(mail));
      expect(failure).toMatchObject({ kind: 'transient', summary: expect.stringContaining('ECONNREFUSED') });
    } finally {
      await unreachable.close();
    }
  });

  it.each([
    [421, 'data', 'transient'],
    [451, 'mail', 'transient'],
    [452, 'rcpt', 'transient'],
    [554, 'data', 'permanent'],
  ] as const)('classifies a %i at %s as %s', async (code, stage, kind) => {
    sink.failNext(1, { code, stage });
    const failure = await failureOf(transport.send(mail));
    expect(failure).toMatchObject({ kind, summary: expect.stringContaining(String(code)) });
  });

  it('classifies a rejected recipient as permanent', async () => {
    sink.rejectRecipient('alice@example.com', 550, 'Mailbox unavailable');
    const failure = await failureOf(transport.send(mail));
    expect(failure).toEqual({
      kind: 'permanent',
      summary: 'EENVELOPE: 550 Mailbox unavailable (after RCPT TO)',
    });
  });
});
