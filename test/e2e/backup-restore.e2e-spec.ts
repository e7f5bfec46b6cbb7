import {
  adminClient,
  databaseUrlFor,
  idpClient,
  newUser,
  request,
  startTestStack,
  withAdminClient,
  type TestStack,
} from '@roster/testing';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * scripts/backup and scripts/restore (issue 6 §8, README "Backup and restore"): a deployment is
 * backed up with an invitation pending and an email not yet delivered, restored into an empty
 * database, and a new deployment on it (new Redis state, same INVITATION_SECRET) keeps the old SCIM
 * key working, verifies the pending link and sends the undelivered email exactly once.
 */
const root = join(__dirname, '..', '..');
const ACCEPT_LINK = /\/invitations\/accept\?token=([A-Za-z0-9_.%-]+)/;

function runScript(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const run = spawnSync('bash', [join(root, 'scripts', script), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('backup and restore', () => {
  const directory = mkdtempSync(join(tmpdir(), 'roster-backup-'));
  const dump = join(directory, 'roster.dump');
  const restoredName = `roster_test_restored_${randomBytes(5).toString('hex')}`;
  let before: TestStack | undefined;
  let after: TestStack | undefined;

  afterAll(async () => {
    await before?.close();
    await after?.close();
    await withAdminClient((admin) => admin.query(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`));
    rmSync(directory, { recursive: true, force: true });
  });

  it('restores into an empty database: old keys work, pending links verify, undelivered mail goes out once', async () => {
    // Before: one invitation delivered (its link not used yet), one the mail server keeps deferring.
    before = await startTestStack();
    const org = await adminClient(before).provisionOrganization('Backed Up Inc');
    const idp = idpClient(before, org.id, org.key);
    expect((await idp.send('POST', '/Users', newUser('delivered@example.com'))).status).toBe(201);
    const invitation = await before.sink.waitFor((m) => m.to.includes('delivered@example.com'));
    const token = decodeURIComponent(ACCEPT_LINK.exec(invitation.text)![1]);
    before.sink.rejectRecipient('deferred@example.com', 451, 'Mailbox busy, try again later');
    expect((await idp.send('POST', '/Users', newUser('deferred@example.com'))).status).toBe(201);
    const lastEmailState = async (stack: TestStack, email: string) => {
      const members = await adminClient(stack).send('GET', `/api/organizations/${org.id}/members`);
      return members.body.members.find((m: { email: string }) => m.email === email)?.lastEmail?.state;
    };
    await waitUntil(async () => (await lastEmailState(before!, 'delivered@example.com')) === 'sent');
    await waitUntil(async () => (await lastEmailState(before!, 'deferred@example.com')) === 'retrying');

    const secrets = { INVITATION_SECRET: before.env.INVITATION_SECRET, ADMIN_TOKEN: before.adminToken };
    const backup = runScript('backup', [dump], { DATABASE_URL: before.databaseUrl, ...secrets });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    // The secrets to keep are named, never shown; neither they nor the SCIM key are in the dump.
    expect(backup.stdout).toMatch(/INVITATION_SECRET/);
    expect(backup.stdout).toMatch(/ADMIN_TOKEN/);
    const dumpSql = spawnSync('pg_restore', ['--file=-', dump], { encoding: 'utf8' }).stdout;
    expect(dumpSql).toContain('delivered@example.com');
    for (const secret of [...Object.values(secrets), org.key]) {
      expect(backup.stdout).not.toContain(secret);
      expect(dumpSql).not.toContain(secret);
      expect(readFileSync(`${dump}.manifest`, 'utf8')).not.toContain(secret);
    }
    // The old deployment is gone, its mail queue with it.
    await before.close();
    before = undefined;

    const restoredUrl = databaseUrlFor(restoredName);
    const restore = runScript('restore', [dump], {
      DATABASE_URL: restoredUrl,
      INVITATION_SECRET: secrets.INVITATION_SECRET,
    });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain('1 undelivered emails will be sent');
    // A restore never writes over a database in use.
    const again = runScript('restore', [dump], { DATABASE_URL: restoredUrl });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/is not empty/);

    // A new deployment (new Redis queues, new admin token) on the restored database, same secret.
    after = await startTestStack({ DATABASE_URL: restoredUrl, INVITATION_SECRET: secrets.INVITATION_SECRET });
    const users = await idpClient(after, org.id, org.key).send('GET', '/Users');
    expect(users.status).toBe(200);
    expect(users.body.totalResults).toBe(2);

    const page = await request(
      after.gateway,
      'GET',
      `/invitations/accept?token=${encodeURIComponent(token)}`,
    );
    expect(page.status).toBe(200);
    expect(page.text).toContain('Backed Up Inc');
    const accepted = await request(after.gateway, 'POST', '/invitations/accept', {
      body: `token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.text).toContain('an administrator will confirm you');

    const deferred = await after.sink.waitFor((m) => m.to.includes('deferred@example.com'), 20_000);
    expect(deferred.subject).toMatch(/invited/);
    await waitUntil(async () => (await lastEmailState(after!, 'deferred@example.com')) === 'sent');
    expect(after.sink.messages.filter((m) => m.to.includes('deferred@example.com'))).toHaveLength(1);
    // The delivered invitation is not sent again.
    expect(after.sink.messages.filter((m) => m.to.includes('delivered@example.com'))).toHaveLength(0);
  });
});

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
