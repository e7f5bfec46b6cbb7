import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config/gateway.config';
import { ConsoleSessions } from './console-session';

/**
 * Cookie parsing and signing for the console session, with the key ConsoleSessions derives from
 * ADMIN_TOKEN (the same derivation ConsoleModule's instance makes, so both agree). Only requests
 * that carry a Cookie header pay for parsing; SCIM clients send none.
 */
export async function registerConsoleCookies(fastify: FastifyInstance, config: GatewayConfig): Promise<void> {
  await fastify.register(fastifyCookie, { secret: new ConsoleSessions(config.ADMIN_TOKEN).cookieSecret });
}
