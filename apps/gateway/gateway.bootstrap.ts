import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createMetricsRegistry } from '@roster/config';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { serveAdminApiDocs } from './admin/openapi/admin-api.document';
import { GatewayConfig } from './config/gateway.config';
import { registerConsoleCookies } from './console/console-cookies';
import { GatewayModule } from './gateway.module';
import { registerFormBodyParser } from './http/form-body';
import { registerJsonBodyParsers } from './http/json-body.parser';
import { registerHttpMetrics } from './metrics/http-metrics';

/**
 * Builds the gateway, initialised but not listening: main.ts calls `listen(GATEWAY_PORT,
 * GATEWAY_HOST)`, tests use `app.inject()` (or `listen(0)`). Close it with `app.close()`.
 */
export async function createGateway(config: GatewayConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.MAX_PAYLOAD_BYTES,
    genReqId: () => randomUUID(),
    // IdPs send `/users` and `/Users/?filter=` (DESIGN §6, §10.6).
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
  const fastify = adapter.getInstance();
  const metrics = createMetricsRegistry('gateway');
  registerHttpMetrics(fastify, metrics);
  registerJsonBodyParsers(fastify, config.MAX_PAYLOAD_BYTES);
  // HTML forms that work without JavaScript (accept page, console); only on their own paths.
  await registerFormBodyParser(fastify);
  await registerConsoleCookies(fastify, config);
  // pino-http takes the request id from the raw request, so log lines and error logs share Fastify's.
  fastify.addHook('onRequest', (request, _reply, done) => {
    (request.raw as { id?: string }).id = request.id;
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.forConfig(config, metrics),
    adapter,
    {
      // The JSON parsers are registered above, on Fastify itself (DESIGN §10.5).
      bodyParser: false,
      bufferLogs: true,
      // Reject instead of exiting, so main.ts reports the error and tests see it.
      abortOnError: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  serveAdminApiDocs(app);
  await app.init();
  return app;
}
