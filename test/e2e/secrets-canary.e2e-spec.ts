import {
  adminClient,
  createTestDatabase,
  idpClient,
  newUser,
  startTestStack,
  type HttpResult,
  type TestDatabase,
  type TestStack,
} from '@roster/testing';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { generateScimKey } from '../../apps/gateway/scim/auth/scim-key';
import { captureLogs, type LogCapture } from './support/log-capture';

const canary = (name: string) => `canary${name}${randomBytes(12).toString('hex')}`;

/** An SMTP server that requires AUTH with the canary password (the shared sink has AUTH disabled). */
async function startAuthenticatingSmtp(user: string, password: string) {
  const messages: string[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) {
        logins.push(auth.username);
        callback(null, { user: auth.username });
      } else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      if (!session.user) return callback(new Error('Authentication required'));
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    messages,
    logins,
    async waitFor(predicate: (raw: string) => boolean, timeoutMs = 20_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = messages.find(predicate);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no such email arrived');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every key under `prefix` with its value, whatever its type, as text. */
async function redisDump(redis: Redis, prefix: string): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? await redis.hgetall(key)
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, 0, -1, 'WITHSCORES')
                  : type === 'stream'
                    ? await redis.xrange(key, '-', '+')
                    : null;
      parts.push(`${key} ${JSON.stringify(value)}`);
    }
  } while (cursor !== '0');
  return parts.join('\n');
}

/** Every row of every table of the database, as JSON text, by table. */
async function databaseDump(url: string): Promise<Map<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    const dump = new Map<string, string>();
    for (const { name } of tables.rows) {
      const rows = await client.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
      dump.set(name, rows.rows.map((r) => r.row).join('\n'));
    }
    return dump;
  } finally {
    await client.end();
  }
}

// Protects issue 6 §6 and SPEC §2/§4/§8: secrets never leak. All three apps run in-process at debug
// level with canary secrets; none of them may appear in any log line, response, Redis key or value
// under the deployment's prefix, or database row (outbox, audit, provisioning log and every other).
describe('secrets canary', () => {
  const smtpUser = 'roster-mailer';
  const smtpPassword = canary('Smtp');
  const databasePassword = canary('Db');
  const oktaPassword = canary('OktaPw');
  let logs: LogCapture;
  let smtp: Awaited<ReturnType<typeof startAuthenticatingSmtp>>;
  let database: TestDatabase;
  let stack: TestStack;
  let databaseUrl: string;

  beforeAll(async () => {
    logs = captureLogs();
    smtp = await startAuthenticatingSmtp(smtpUser, smtpPassword);
    database = await createTestDatabase();
    // Trust authentication ignores the password, but every app still holds it in DATABASE_URL.
    databaseUrl = database.url.replace('postgres://postgres@', `postgres://postgres:${databasePassword}@`);
    expect(databaseUrl).toContain(databasePassword);
    stack = await startTestStack({
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'debug',
      SCIM_AUTH_FAILURES_PER_IP: '3',
    });
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
    await database?.drop();
    logs?.stop();
  });

  it('finds no canary in logs, responses, Redis or the database', async () => {
    const responses: HttpResult[] = [];
    const keep = (res: HttpResult) => {
      responses.push(res);
      return res;
    };
    const org = await adminClient(stack).provisionOrganization('Canary Corp');
    const okta = idpClient(stack, org.id, org.key, 'Okta SCIM Client 1.0.0');
    const unissuedKey = generateScimKey().key;
    const malformedKey = canary('BadKey');

    // Okta's create: filter, then POST with a password; a PUT and a PATCH carrying one too.
    keep(await okta.send('GET', `/Users?filter=${encodeURIComponent('userName eq "ada@canary.example"')}`));
    const created = keep(
      await okta.send('POST', '/Users', newUser('ada@canary.example', { password: oktaPassword })),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    keep(
      await okta.send(
        'PUT',
        `/Users/${id}`,
        newUser('ada@canary.example', { password: oktaPassword, title: 'Eng' }),
      ),
    );
    keep(
      await okta.send('PATCH', `/Users/${id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { password: oktaPassword } }],
      }),
    );
    keep(await okta.send('POST', '/Users/.search', { filter: `password eq "${oktaPassword}"` }));
    keep(await okta.send('GET', `/Users?filter=${encodeURIComponent(`password eq "${oktaPassword}"`)}`));
    // Wrong keys of every shape, past the failed-auth budget (401, then 429).
    for (const key of [unissuedKey, malformedKey, unissuedKey, malformedKey, unissuedKey]) {
      const wrong = keep(await idpClient(stack, org.id, key).send('GET', '/Users'));
      expect([401, 429]).toContain(wrong.status);
    }
    keep(
      await idpClient(stack, org.id, '').send('GET', '/Users', undefined, { authorization: malformedKey }),
    );

    // The invitation: the token is minted at send time and reaches only the recipient.
    const email = await smtp.waitFor((raw) => raw.includes('ada@canary.example'));
    expect(smtp.logins.length).toBeGreaterThan(0);
    const token = /token=3D([A-Za-z0-9_.=\r\n-]+)|token=([A-Za-z0-9_.-]+)/.exec(email);
    expect(token).not.toBeNull();
    const invitationToken = (token![1] ?? token![2]).replace(/=\r?\n/g, '').split(/["<\s&]/)[0];
    expect(invitationToken.length).toBeGreaterThan(40);
    // The user opens and accepts it; a tampered copy is tried as well.
    const page = await stack.gateway.inject({
      method: 'GET',
      url: `/invitations/accept?token=${invitationToken}`,
    });
    expect(page.statusCode).toBe(200);
    const accepted = await stack.gateway.inject({
      method: 'POST',
      url: '/invitations/accept',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${invitationToken}`,
    });
    expect(accepted.statusCode).toBeLessThan(500);
    await stack.gateway.inject({ method: 'GET', url: `/invitations/accept?token=${invitationToken}x` });

    // A deactivation and a delete: more outbox rows, audit rows and emails.
    keep(
      await okta.send('PATCH', `/Users/${id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', value: { active: false } }],
      }),
    );
    await smtp.waitFor((raw) => raw.includes('ada@canary.example') && raw !== email);
    // The provisioning log is written after the responses; let it and the delivery reports land.
    await new Promise((r) => setTimeout(r, 1500));

    const canaries: Record<string, string> = {
      'valid SCIM key': org.key,
      'unissued SCIM key': unissuedKey,
      'malformed key': malformedKey,
      'invitation token': invitationToken,
      "Okta's password": oktaPassword,
      'SMTP password': smtpPassword,
      'database password': databasePassword,
      ADMIN_TOKEN: stack.adminToken,
      INVITATION_SECRET: stack.env.INVITATION_SECRET,
    };

    const logText = logs.text();
    // The capture works: every app's lines are in it (in one process nestjs-pino names them all after
    // the first app started, so they are told apart by context and request path).
    const lines = logs.lines();
    const contexts = new Set(lines.map((line) => line.context));
    expect(contexts).toContain('TypeORM'); // membership
    expect(contexts).toContain('MailProcessor'); // mailer
    expect(lines.some((line) => String((line.req as { path?: string })?.path).startsWith('/scim/v2/'))).toBe(
      true,
    ); // gateway
    expect(logText).toContain(org.id);
    expect(logs.lines().length).toBeGreaterThan(20);

    const redis = new Redis(stack.env.REDIS_URL);
    const redisText = await redisDump(redis, stack.env.BULLMQ_PREFIX).finally(() => redis.quit());
    expect(redisText).toContain(':mail');
    const tables = await databaseDump(databaseUrl);
    for (const table of ['outbox', 'audit_events', 'provisioning_log', 'members']) {
      expect(tables.get(table)?.length ?? 0).toBeGreaterThan(0);
    }
    const places: Record<string, string> = {
      logs: logText,
      'SCIM responses': responses.map((r) => JSON.stringify(r.headers) + r.text).join('\n'),
      Redis: redisText,
      ...Object.fromEntries([...tables].map(([table, rows]) => [`table ${table}`, rows])),
    };

    const leaks: string[] = [];
    for (const [secret, value] of Object.entries(canaries)) {
      expect(value.length).toBeGreaterThan(20);
      for (const [place, text] of Object.entries(places)) {
        if (text.includes(value)) leaks.push(`${secret} in ${place}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
