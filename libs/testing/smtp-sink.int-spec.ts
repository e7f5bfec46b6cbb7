import nodemailer from 'nodemailer';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

describe('SMTP sink', () => {
  let sink: SmtpSink;
  let transport: ReturnType<typeof nodemailer.createTransport>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    transport = nodemailer.createTransport({ url: sink.url, connectionTimeout: 2000, greetingTimeout: 2000 });
  });
  afterEach(() => sink.clear());
  afterAll(async () => {
    transport.close();
    await sink.close();
  });

  const send = (to: string, subject = 'Hello') =>
    transport.sendMail({
      from: 'Roster <roster@roster.test>',
      to,
      subject,
      text: 'plain part',
      html: '<p>html part</p>',
      headers: { 'X-Roster-Event-Id': '42' },
    });

  it('keeps what it receives, parsed like a user would read it', async () => {
    await send('alice@example.com', 'Héllo');
    const message = await sink.waitFor((m) => m.to.includes('alice@example.com'));
    expect(message).toMatchObject({
      from: 'roster@roster.test',
      subject: 'Héllo',
      text: expect.stringContaining('plain part'),
      html: expect.stringContaining('<p>html part</p>'),
      envelope: { from: 'roster@roster.test', to: ['alice@example.com'] },
    });
    expect(message.headers['x-roster-event-id']).toBe('42');
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
  });

  it('waits for messages still to come, and for a count', async () => {
    const waiting = sink.waitForCount(2, (m) => m.subject === 'later');
    await send('bob@example.com', 'later');
    await send('carol@example.com', 'later');
    await expect(waiting).resolves.toHaveLength(2);
  });

  it('refuses the next transactions as scripted, then accepts again', async () => {
    sink.failNext(2, { code: 421, message: 'Try again later' });
    await expect(send('dave@example.com')).rejects.toMatchObject({ responseCode: 421 });
    await expect(send('dave@example.com')).rejects.toMatchObject({ responseCode: 421 });
    await send('dave@example.com');
    expect(sink.messages).toHaveLength(1);
    expect(sink.rejections.map((r) => [r.stage, r.code])).toEqual([
      ['data', 421],
      ['data', 421],
    ]);
  });

  it('can refuse at MAIL FROM', async () => {
    sink.failNext(1, { code: 451, stage: 'mail' });
    await expect(send('erin@example.com')).rejects.toMatchObject({ responseCode: 451 });
  });

  it('rejects a recipient permanently', async () => {
    sink.rejectRecipient('Nobody@Example.com');
    await expect(send('nobody@example.com')).rejects.toMatchObject({ responseCode: 550 });
    await expect(send('nobody@example.com')).rejects.toMatchObject({ responseCode: 550 });
    expect(sink.rejections).toHaveLength(2);
    expect(sink.messages).toHaveLength(0);
  });

  it('says what it received when a wait times out', async () => {
    await send('frank@example.com', 'unrelated');
    await expect(sink.waitFor((m) => m.to.includes('ghost@example.com'), 200)).rejects.toThrow(
      /timed out after 200 ms.*frank@example\.com.*unrelated/,
    );
  });
});
