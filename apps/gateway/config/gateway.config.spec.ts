import 'reflect-metadata';
import { ConfigError, loadEnv } from '@roster/config';
import { GatewayConfig } from './gateway.config';

const required = {
  PUBLIC_URL: 'https://roster.example.com',
  NATS_URL: 'nats://nats:4222',
  REDIS_URL: 'redis://redis:6379',
  ADMIN_TOKEN: '5e0f8d2b9c4a7e1f3b6d8a0c2e4f6a8b',
  INVITATION_SECRET: '9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadEnv(GatewayConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

// Protects issue 6 §3, §4 and §7: the rate limits have documented, generous defaults and refuse
// nonsense; unsafe secrets stop start-up naming the variable and never echoing the value.
describe('GatewayConfig', () => {
  it('applies the documented rate-limit defaults', () => {
    expect(loadEnv(GatewayConfig, required)).toMatchObject({
      BULLMQ_PREFIX: 'roster',
      SCIM_RATE_LIMIT_REQUESTS: 30_000,
      SCIM_RATE_LIMIT_WINDOW_SECONDS: 60,
      SCIM_AUTH_FAILURES_PER_IP: 30,
      SCIM_AUTH_FAILURE_WINDOW_SECONDS: 300,
    });
  });

  it('reads the limits from their text; 0 turns a limit off', () => {
    const config = loadEnv(GatewayConfig, {
      ...required,
      SCIM_RATE_LIMIT_REQUESTS: '0',
      SCIM_AUTH_FAILURES_PER_IP: '5',
      SCIM_AUTH_FAILURE_WINDOW_SECONDS: '60',
    });
    expect(config).toMatchObject({
      SCIM_RATE_LIMIT_REQUESTS: 0,
      SCIM_AUTH_FAILURES_PER_IP: 5,
      SCIM_AUTH_FAILURE_WINDOW_SECONDS: 60,
    });
  });

  it.each<[string, string]>([
    ['SCIM_RATE_LIMIT_REQUESTS', '-1'],
    ['SCIM_RATE_LIMIT_REQUESTS', 'lots'],
    ['SCIM_RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['SCIM_RATE_LIMIT_WINDOW_SECONDS', '1.5'],
    ['SCIM_AUTH_FAILURES_PER_IP', '-3'],
    ['SCIM_AUTH_FAILURE_WINDOW_SECONDS', '86401'],
    ['REDIS_URL', 'http://redis:6379'],
    ['BULLMQ_PREFIX', 'a:b'],
  ])('refuses %s=%s, naming it', (name, value) => {
    const problems = problemsOf({ ...required, [name]: value });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.startsWith(`${name}:`))).toBe(true);
  });

  it('names a missing REDIS_URL', () => {
    const { REDIS_URL: _omit, ...env } = required;
    expect(problemsOf(env).join('\n')).toMatch(/^REDIS_URL:/m);
  });

  it.each<[string, string, RegExp]>([
    ['ADMIN_TOKEN', 'short-admin-token-0123456', /at least 32 bytes/],
    ['ADMIN_TOKEN', 'placeholder-admin-token-000000000', /example value/],
    ['INVITATION_SECRET', 'placeholder-invitation-secret-0000000000', /example value/],
    ['INVITATION_SECRET', 'a'.repeat(64), /typed by hand/],
  ])('refuses an unsafe %s (%s) without echoing it', (name, value, reason) => {
    const problems = problemsOf({ ...required, [name]: value });
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
    expect(problems[0]).toMatch(reason);
    expect(problems[0]).not.toContain(value);
  });
});
