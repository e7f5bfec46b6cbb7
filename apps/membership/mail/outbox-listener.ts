import { Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { MembershipConfig } from '../config/membership.config';
import { OUTBOX_CHANNEL } from './mail-outbox';

const RECONNECT_DELAY_MS = 2_000;

/**
 * LISTENs for the NOTIFY a transaction sends when it commits outbox rows, so emails leave within
 * milliseconds instead of at the next poll. Best effort: the poll alone is enough, so a lost
 * connection is retried quietly in the background.
 */
@Injectable()
export class OutboxListener {
  private readonly logger = new Logger('OutboxListener');
  private client: Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private onNotify: (() => void) | undefined;
  private lost = false;

  constructor(private readonly config: MembershipConfig) {}

  start(onNotify: () => void): void {
    this.onNotify = onNotify;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.onNotify = undefined;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (!this.onNotify) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'roster-membership-outbox',
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    client.on('notification', () => this.onNotify?.());
    client.on('error', () => this.reconnect(client));
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (!this.onNotify) {
        await client.end();
        return;
      }
      this.client = client;
      if (this.lost) this.logger.log('Listening for outbox notifications again');
      this.lost = false;
      // Rows committed while we were not listening: pick them up now rather than at the next poll.
      this.onNotify();
    } catch {
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    if (client !== this.client && this.client !== undefined) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (!this.onNotify || this.reconnectTimer) return;
    if (!this.lost) this.logger.warn('Lost the outbox notification connection; polling until it is back');
    this.lost = true;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, RECONNECT_DELAY_MS);
  }
}
