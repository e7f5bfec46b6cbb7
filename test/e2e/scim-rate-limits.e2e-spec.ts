import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadEnv } from '@roster/config';
import { adminClient, newUser, startTestStack, type TestStack } from '@roster/testing';
import { GatewayConfig } from '../../apps/gateway/config/gateway.config';
import { createGateway } from '../../apps/gateway/gateway.bootstrap';
import { captureLogs, type LogCapture } from './support/log-capture';
import { startOwnRedis, type OwnRedis } from './support/own-redis';

const ORG_LIMIT = 20;
const FAILURES_PER_IP = 5;
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** One SCIM request to `gateway` from `ip`, as Fastify inject lets a test choose the client address. */
async function scim(
  gateway: NestFastifyApplication,
  organizationId: string,
  authorization: string | undefined,
  options: { ip?: string; method?: 'GET' | 'POST'; path?: string; body?: unknown } = {},
) {
  const res = await gateway.inject({
    method: options.method ?? 'GET',
    url: `/scim/v2/${organizationId}${options.path ?? '/Users?count=1'}`,
    remoteAddress: options.ip ?? '10.9.0.1',
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/scim+json' }),
    },
    payload: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return {
    status: res.statusCode,
    headers: res.headers,
    text: res.body,
    body: res.body ? JSON.parse(res.body) : undefined,
  };
}

const bearer = (key: string) => `Bearer ${key}`;
/** A key with Roster's format but the wrong secret: rejected after the lookup, like a revoked one. */
const wrongKeyOf = (key: string) => key.slice(0, -8) + (key.endsWith('AAAAAAAA') ? 'BBBBBBBB' : 'AAAAAAAA');

// Protects issue 6 §3 and §4 (DESIGN §6): per-organization SCIM rate limits shared by every gateway
// replica through Redis, 429 + Retry-After + a SCIM error body; failed-auth throttling per client IP
// that never throttles a valid key; and a Redis outage that turns the limits off instead of into 5xx.
describe('SCIM rate limits', () => {
  let stack: TestStack;
  let replica: NestFastifyApplication;

  beforeAll(async () => {
    stack = await startTestStack({
      SCIM_RATE_LIMIT_REQUESTS: String(ORG_LIMIT),
      SCIM_RATE_LIMIT_WINDOW_SECONDS: '60',
      SCIM_AUTH_FAILURES_PER_IP: String(FAILURES_PER_IP),
      SCIM_AUTH_FAILURE_WINDOW_SECONDS: '60',
    });
    // A second gateway replica on the same Redis and membership.
    replica = await createGateway(loadEnv(GatewayConfig, stack.env));
    await replica.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await replica?.close();
    await stack?.close();
  });

  it('limits each organization across replicas with 429, Retry-After and a SCIM error naming the limit', async () => {
    const admin = adminClient(stack);
    const a = await admin.provisionOrganization('Limited A');
    const b = await admin.provisionOrganization('Limited B');

    // Wrong keys for A do not spend A's budget: anyone who knows the id could send them.
    for (let i = 0; i < 3; i++)
      expect((await scim(stack.gateway, a.id, bearer(wrongKeyOf(a.key)), { ip: '10.1.0.1' })).status).toBe(
        401,
      );

    const statuses: number[] = [];
    for (let i = 0; i < ORG_LIMIT; i++) {
      const gateway = i % 2 === 0 ? stack.gateway : replica;
      const res =
        i === 0
          ? await scim(gateway, a.id, bearer(a.key), {
              method: 'POST',
              path: '/Users',
              body: newUser('limited@example.com'),
            })
          : await scim(gateway, a.id, bearer(a.key));
      statuses.push(res.status);
    }
    expect(statuses).toEqual([201, ...Array<number>(ORG_LIMIT - 1).fill(200)]);

    for (const gateway of [stack.gateway, replica]) {
      const limited = await scim(gateway, a.id, bearer(a.key));
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.headers['content-type']).toMatch(/^application\/scim\+json/);
      expect(limited.body).toEqual({
        schemas: [ERROR_SCHEMA],
        status: '429',
        detail: expect.stringContaining(`${ORG_LIMIT} SCIM requests per 60 seconds`),
      });
    }
    // A write is refused as well, and nothing is created.
    const post = await scim(replica, a.id, bearer(a.key), {
      method: 'POST',
      path: '/Users',
      body: newUser('late@example.com'),
    });
    expect(post.status).toBe(429);

    // Organization B has its own budget.
    expect((await scim(stack.gateway, b.id, bearer(b.key))).status).toBe(200);
  });

  it('throttles failed authentications per IP with one 429 body, never a valid key from that IP', async () => {
    const admin = adminClient(stack);
    const org = await admin.provisionOrganization('Throttled');
    const other = await admin.provisionOrganization('Other');
    const attacker = '10.2.0.1';
    const unknownOrg = '00000000-0000-4000-8000-000000000000';
    // Every failure kind of SPEC §2, sent from one address.
    const failures: Array<() => ReturnType<typeof scim>> = [
      () => scim(stack.gateway, org.id, bearer(wrongKeyOf(org.key)), { ip: attacker }),
      () => scim(replica, org.id, undefined, { ip: attacker }),
      () => scim(stack.gateway, org.id, 'Bearer not-a-key', { ip: attacker }),
      () => scim(replica, org.id, bearer(other.key), { ip: attacker }),
      () => scim(stack.gateway, unknownOrg, bearer(org.key), { ip: attacker }),
      () => scim(replica, 'not-a-uuid', bearer(org.key), { ip: attacker }),
    ];

    const before = [];
    for (let i = 0; i < FAILURES_PER_IP; i++) {
      before.push(await failures[i % failures.length]());
      // Interleaved valid requests from the same address always pass and are not counted.
      expect(
        (await scim(i % 2 ? replica : stack.gateway, org.id, bearer(org.key), { ip: attacker })).status,
      ).toBe(200);
    }
    expect(before.map((r) => r.status)).toEqual(Array<number>(FAILURES_PER_IP).fill(401));

    const throttled = [];
    for (const failure of failures) throttled.push(await failure());
    for (const res of throttled) {
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(res.text).toBe(throttled[0].text);
    }
    expect(throttled[0].body).toEqual({
      schemas: [ERROR_SCHEMA],
      status: '429',
      detail: expect.stringContaining(`more than ${FAILURES_PER_IP} in 60 seconds`),
    });

    // The throttled address still gets through with its valid key, on either replica, reads and writes.
    expect((await scim(stack.gateway, org.id, bearer(org.key), { ip: attacker })).status).toBe(200);
    const created = await scim(replica, org.id, bearer(org.key), {
      ip: attacker,
      method: 'POST',
      path: '/Users',
      body: newUser('still-valid@example.com'),
    });
    expect(created.status).toBe(201);
    // Another address is not affected by the first one's failures.
    expect((await scim(stack.gateway, org.id, bearer(wrongKeyOf(org.key)), { ip: '10.2.0.2' })).status).toBe(
      401,
    );
  });

  describe('while Redis is down', () => {
    let redis: OwnRedis;
    let gateway: NestFastifyApplication;
    let logs: LogCapture;

    beforeAll(async () => {
      redis = await startOwnRedis();
      logs = captureLogs();
      // A gateway whose rate-limit Redis is the test's own, so the test can kill it.
      gateway = await createGateway(
        loadEnv(GatewayConfig, { ...stack.env, REDIS_URL: redis.url, LOG_LEVEL: 'info' }),
      );
      await gateway.getHttpAdapter().getInstance().ready();
    });
    afterAll(async () => {
      await gateway?.close();
      logs?.stop();
      await redis?.kill();
    });

    it('fails open: no 5xx and no 429 for SCIM, a warning in the log, at most once a minute', async () => {
      const org = await adminClient(stack).provisionOrganization('Fail open');
      // The limits are in force while Redis is up.
      for (let i = 0; i < ORG_LIMIT; i++)
        expect((await scim(gateway, org.id, bearer(org.key))).status).toBe(200);
      expect((await scim(gateway, org.id, bearer(org.key))).status).toBe(429);

      await redis.kill();
      const statuses: number[] = [];
      const started = Date.now();
      for (let i = 0; i < 30; i++) statuses.push((await scim(gateway, org.id, bearer(org.key))).status);
      for (let i = 0; i < 10; i++) {
        statuses.push((await scim(gateway, org.id, bearer(wrongKeyOf(org.key)), { ip: '10.3.0.1' })).status);
      }
      expect(statuses).toEqual([...Array<number>(30).fill(200), ...Array<number>(10).fill(401)]);
      // No request waited for Redis: 40 requests in well under the 250 ms command timeout each.
      expect(Date.now() - started).toBeLessThan(40 * 250);

      const warnings = logs
        .lines()
        .filter((line) => line.context === 'ScimRateLimits' && line.level === 40)
        .map((line) => String(line.msg));
      expect(warnings.length).toBeGreaterThanOrEqual(1);
      // Once a minute at most, not once per request.
      expect(warnings.length).toBeLessThanOrEqual(2);
      expect(warnings[0]).toMatch(/not enforced: Redis did not answer/);
    });
  });
});
