import { loadEnv } from '@roster/config';
import type { UserRecord } from '@roster/contracts';
import { GatewayConfig } from '../config/gateway.config';
import { TEST_NATS_URL } from './fake-membership';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** A valid gateway configuration for tests; `overrides` are environment variables as strings. */
export function testGatewayConfig(
  subjectPrefix: string,
  overrides: Record<string, string> = {},
): GatewayConfig {
  return loadEnv(GatewayConfig, {
    PUBLIC_URL: 'https://roster.test/',
    NATS_URL: TEST_NATS_URL,
    NATS_SUBJECT_PREFIX: subjectPrefix,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    INVITATION_SECRET: 'test-invitation-secret-0123456789abcdef',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    BULLMQ_PREFIX: subjectPrefix.replace(/[^A-Za-z0-9_-]/g, '') || 'gatewaytest',
    RPC_TIMEOUT_MS: '1500',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

/** A stored user as membership returns it. */
export function userRecord(
  organizationId: string,
  id: string,
  overrides: Partial<UserRecord> = {},
): UserRecord {
  return {
    id,
    organizationId,
    userName: 'bjensen@example.com',
    externalId: null,
    email: 'bjensen@example.com',
    displayName: null,
    givenName: null,
    familyName: null,
    status: 'invited',
    active: true,
    attributes: { userName: 'bjensen@example.com' },
    groups: [],
    version: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}
