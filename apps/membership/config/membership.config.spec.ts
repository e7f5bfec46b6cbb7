import { ConfigError, loadEnv } from '@roster/config';
import { MembershipConfig } from './membership.config';

const required = {
  DATABASE_URL: 'postgres://roster@db:5432/roster',
  NATS_URL: 'nats://nats:4222',
  REDIS_URL: 'redis://redis:6379',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadEnv(MembershipConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('MembershipConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadEnv(MembershipConfig, required);
    expect(config).toMatchObject({
      ...required,
      NATS_SUBJECT_PREFIX: '',
      BULLMQ_PREFIX: 'roster',
      HEALTH_PORT: 8081,
      LOG_LEVEL: 'info',
      INVITATION_TTL_HOURS: 120,
      OUTBOX_POLL_MS: 1000,
    });
  });

  it('reads numbers from their text and treats blank values as unset', () => {
    const config = loadEnv(MembershipConfig, {
      ...required,
      HEALTH_PORT: '0',
      INVITATION_TTL_HOURS: '24',
      OUTBOX_POLL_MS: '',
    });
    expect(config.HEALTH_PORT).toBe(0);
    expect(config.INVITATION_TTL_HOURS).toBe(24);
    expect(config.OUTBOX_POLL_MS).toBe(1000);
  });

  it('names every missing required variable, once each', () => {
    expect(problems({})).toEqual([
      'DATABASE_URL: is required and must be a postgres://user[:password]@host:port/database URL',
      'NATS_URL: is required and must be nats://host:port (several may be separated by commas)',
      'REDIS_URL: is required and must be a redis://[:password@]host:port[/db] URL',
    ]);
  });

  // prettier-ignore
  it.each([
    ['HEALTH_PORT', 'eighty', 'HEALTH_PORT: must be a port number from 0 to 65535 (0 = any free port)'],
    ['HEALTH_PORT', '70000', 'HEALTH_PORT: must be a port number from 0 to 65535 (0 = any free port)'],
    ['OUTBOX_POLL_MS', '1.5', 'OUTBOX_POLL_MS: must be a whole number of milliseconds from 50 to 60000'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent'],
    ['BULLMQ_PREFIX', 'a:b', 'BULLMQ_PREFIX: must be letters, digits, "-" or "_" (no ":")'],
    ['NATS_SUBJECT_PREFIX', 'staging', 'NATS_SUBJECT_PREFIX: must be empty or dot-terminated NATS tokens, e.g. "staging."'],
    ['INVITATION_TTL_HOURS', '0', 'INVITATION_TTL_HOURS: must be a whole number of hours from 1 to 8760 (one year)'],
    ['DATABASE_URL', 'mysql://db/roster', 'DATABASE_URL: is required and must be a postgres://user[:password]@host:port/database URL'],
  ])('refuses %s=%s with a clear message', (name, value, message) => {
    expect(problems({ ...required, [name]: value })).toEqual([message]);
  });
});
