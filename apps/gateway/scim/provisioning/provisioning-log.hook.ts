import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../clock';
import { isScimAuthenticated } from './authenticated-request';
import { provisioningLogEntry } from './provisioning-log-entry';
import { ProvisioningLogRecorder } from './provisioning-log.recorder';
import { provisioningWarnings } from './provisioning-warnings';
import { UnauthenticatedEntryLimiter } from './unauthenticated-entry.limiter';

const SCIM_PREFIX = /^\/scim\//i;

/**
 * Records every SCIM request in the provisioning log (SPEC §1) from Fastify's onResponse hook: it
 * runs for every request — routed or not, authenticated or not, failed anywhere — once the response
 * has been sent, so the IdP never waits for it.
 */
@Injectable()
export class ProvisioningLogHook implements OnModuleInit {
  private readonly logger = new Logger('ProvisioningLog');
  private readonly unauthenticated = new UnauthenticatedEntryLimiter();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly recorder: ProvisioningLogRecorder,
    private readonly clock: Clock,
  ) {}

  /** Before Fastify is ready (Nest readies it on listen or inject), so the hook covers every route. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    fastify?.addHook('onResponse', (request, reply, done) => {
      this.onResponse(request, reply);
      done();
    });
  }

  private onResponse(request: FastifyRequest, reply: FastifyReply): void {
    if (!SCIM_PREFIX.test(request.url)) return;
    try {
      const now = this.clock.now();
      const location = reply.getHeader('location');
      const entry = provisioningLogEntry({
        id: request.id,
        entryId: randomUUID(),
        method: request.method,
        url: request.url,
        headers: {
          userAgent: request.headers['user-agent'],
          adScimVersion: request.headers['adscimversion'],
        },
        status: reply.statusCode,
        location: typeof location === 'string' ? location : undefined,
        durationMs: reply.elapsedTime,
        finishedAt: now,
        warnings: provisioningWarnings(request),
      });
      if (!entry) return;
      if (!isScimAuthenticated(request) && !this.unauthenticated.allow(entry.organizationId, now)) return;
      this.recorder.record(entry);
    } catch (error) {
      // The response is gone already; a log entry is not worth failing anything for.
      this.logger.warn(
        `Could not record a provisioning log entry: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}
