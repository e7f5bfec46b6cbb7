import { createServer, connect, type Server, type Socket } from 'node:net';
import { freePort } from './infrastructure';

/**
 * A TCP relay on a fixed loopback port in front of the in-process SMTP sink, so the mailer's
 * SMTP_URL stays the same while the "mail server" goes away: `refuse()` closes the port (connections
 * are refused, open ones are cut) and `open()` listens on it again.
 */
export interface SmtpGate {
  port: number;
  url: string;
  refuse(): Promise<void>;
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function startSmtpGate(sinkPort: number): Promise<SmtpGate> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect({ port: sinkPort, host: '127.0.0.1' });
        sockets.add(client);
        sockets.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        s.off('error', reject);
        server = s;
        resolve();
      });
    });

  const shut = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  await listen();
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    refuse: shut,
    open: async () => {
      if (!server) await listen();
    },
    close: shut,
  };
}
