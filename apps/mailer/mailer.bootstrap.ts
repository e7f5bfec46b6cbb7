import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { checkRedisDurability } from '@roster/config';
import type Redis from 'ioredis';
import { Logger } from 'nestjs-pino';
import type { MailerConfig } from './config/mailer.config';
import { MailerModule, type MailerModuleOptions } from './mailer.module';
import { MAILER_REDIS } from './mailer.tokens';

export type StartMailerOptions = MailerModuleOptions;

export interface RunningMailer {
  app: INestApplication;
  /** The port /health/live and /health/ready answer on (the one picked when HEALTH_PORT is 0). */
  healthPort: number;
  /** Stops taking jobs, lets emails being sent finish, closes SMTP, Redis and the health port. */
  close(): Promise<void>;
}

/**
 * Starts the mailer: the worker on the outgoing mail queue and the health endpoints on HEALTH_PORT.
 * Reads no environment variable: `config` comes from `loadEnv(MailerConfig)` (main.ts) or a test.
 */
export async function startMailer(
  config: MailerConfig,
  options: StartMailerOptions = {},
): Promise<RunningMailer> {
  const app = await NestFactory.create<NestFastifyApplication>(
    MailerModule.register(config, options),
    new FastifyAdapter(),
    { bufferLogs: true, abortOnError: false },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.enableShutdownHooks();
  try {
    // Queued emails live in Redis: refuse one that evicts keys (or, in production, keeps no AOF).
    const redis = app.get<Redis>(MAILER_REDIS);
    for (const warning of await checkRedisDurability(redis, config.NODE_ENV === 'production')) {
      logger.warn(warning, 'Redis');
    }
    await app.listen(config.HEALTH_PORT, '0.0.0.0');
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.getHttpServer().address();
  const healthPort = typeof address === 'object' && address ? address.port : config.HEALTH_PORT;
  logger.log(`mailer ready; health endpoints on port ${healthPort}`, 'Mailer');

  let closing: Promise<void> | undefined;
  return { app, healthPort, close: () => (closing ??= app.close()) };
}
