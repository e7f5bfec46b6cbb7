// A local SMTP server that accepts every message and counts it by recipient domain: where W5 waits
// for its last invitation. Nothing is parsed or kept, so the sink costs the mailer as little as it can.
import { SMTPServer } from 'smtp-server';

export async function startSmtpSink() {
  const byDomain = new Map();
  const waiters = new Set();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        for (const { address } of session.envelope.rcptTo) {
          const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
          byDomain.set(domain, (byDomain.get(domain) ?? 0) + 1);
        }
        for (const waiter of waiters) waiter();
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.server.address();
  const count = (domain) => byDomain.get(domain) ?? 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    count,
    /** Resolves with the time (performance.now) the `n`th message to `domain` arrived. */
    waitForCount(domain, n, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (count(domain) >= n) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(performance.now());
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`only ${count(domain)} of ${n} emails to @${domain} within ${timeoutMs / 1000} s`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
