import { ConfigError, loadEnv } from '@roster/config';
import { MembershipConfig } from './membership.config';

const required = {
  DATABASE_URL: 'postgres://roster@db:5432/roster',
  NATS_URL: 'nats://nats:4222',
  REDIS_URL: 'redis://redis:6379',
};

function load(env: Record<string, string>): MembershipConfig | string[] {
  try {
    return loadEnv(MembershipConfig, { ...required, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

// Protects SPEC §1 (rotation overlap: default 24 h, can be 0) and the provisioning log's retention:
// documented defaults, and an out-of-range value stops start-up naming the variable.
describe('MembershipConfig: key rotation overlap and provisioning log retention', () => {
  it.each<[Record<string, string>, Partial<MembershipConfig>]>([
    [{}, { SCIM_KEY_ROTATION_OVERLAP_HOURS: 24, PROVISIONING_LOG_RETENTION_DAYS: 30 }],
    [{ SCIM_KEY_ROTATION_OVERLAP_HOURS: '0' }, { SCIM_KEY_ROTATION_OVERLAP_HOURS: 0 }],
    [
      { SCIM_KEY_ROTATION_OVERLAP_HOURS: '168', PROVISIONING_LOG_RETENTION_DAYS: '365' },
      { SCIM_KEY_ROTATION_OVERLAP_HOURS: 168, PROVISIONING_LOG_RETENTION_DAYS: 365 },
    ],
  ])('reads %j', (env, expected) => {
    expect(load(env)).toMatchObject(expected);
  });

  it.each([
    ['SCIM_KEY_ROTATION_OVERLAP_HOURS', '169'],
    ['SCIM_KEY_ROTATION_OVERLAP_HOURS', '-1'],
    ['SCIM_KEY_ROTATION_OVERLAP_HOURS', '1.5'],
    ['PROVISIONING_LOG_RETENTION_DAYS', '0'],
    ['PROVISIONING_LOG_RETENTION_DAYS', 'forever'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(load({ [name]: value })).toEqual([
      expect.stringMatching(new RegExp(`^${name}: must be a whole number`)),
    ]);
  });
});
