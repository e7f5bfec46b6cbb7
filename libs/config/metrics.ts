import { Controller, Get, Header, Inject } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Nest injection token of an app's metrics registry. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * The Prometheus registry of one app (SPEC §8): Node's process metrics (CPU, memory, event-loop lag,
 * GC) and the app's own, all named `roster_*` and labelled with the app, so one scrape config can
 * take gateway, membership and mailer replicas alike.
 */
export function createMetricsRegistry(app: 'gateway' | 'membership' | 'mailer'): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry, prefix: 'roster_' });
  return registry;
}

/**
 * `GET /metrics` in Prometheus' text format, for the apps whose HTTP port is internal (membership's
 * and the mailer's health port). The gateway's port is public, so it uses `serveMetrics` instead.
 */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Serves `registry` at `/metrics` on its own port (0 = any free one); resolves once listening. */
export async function serveMetrics(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** The port a server listens on (the real one when it was asked for port 0). */
export const listeningPort = (server: Server): number => (server.address() as AddressInfo).port;
