import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@roster/config';
import { Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';

interface Backlog {
  pending: number;
  oldestSeconds: number;
}

/**
 * The email backlog as Prometheus sees it at each scrape: outbox rows not yet handed to the mail
 * queue, and how long the oldest has waited. A growing age means the relay (or Redis) is stuck and
 * invitations are not going out; the partial index `outbox_pending_idx` keeps the query as small
 * as the backlog. Both gauges read one query per scrape.
 */
@Injectable()
export class OutboxMetrics {
  private current?: { at: number; backlog: Promise<Backlog> };

  constructor(
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly dataSource: DataSource,
  ) {
    const backlog = () => this.backlog();
    new Gauge({
      name: 'roster_outbox_pending',
      help: 'Emails written to the outbox and not yet queued for the mailer.',
      registers: [registry],
      async collect() {
        this.set((await backlog()).pending);
      },
    });
    new Gauge({
      name: 'roster_outbox_oldest_pending_seconds',
      help: 'Age of the oldest email in the outbox not yet queued for the mailer (0 when none).',
      registers: [registry],
      async collect() {
        this.set((await backlog()).oldestSeconds);
      },
    });
  }

  private backlog(): Promise<Backlog> {
    const now = Date.now();
    if (!this.current || now - this.current.at > 1_000) {
      // A scrape during a database outage reports NaN rather than failing the whole scrape.
      this.current = { at: now, backlog: this.query().catch(() => ({ pending: NaN, oldestSeconds: NaN })) };
    }
    return this.current.backlog;
  }

  private async query(): Promise<Backlog> {
    const [row] = await this.dataSource.query<{ pending: number; oldest: number | null }[]>(
      `SELECT count(*)::int AS pending, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest
         FROM outbox WHERE dispatched_at IS NULL`,
    );
    return { pending: row.pending, oldestSeconds: Math.max(0, row.oldest ?? 0) };
  }
}
