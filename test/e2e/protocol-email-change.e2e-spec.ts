import { verifyInvitationToken } from '@roster/contracts';
import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';
import { Client } from 'pg';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const TOKEN = /http:\/\/roster\.test\/invitations\/accept\?token=([A-Za-z0-9_.-]+)/;

/** Resolves after the outbox relay and mailer have had time to send anything still pending. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1200));

/**
 * SPEC §4 "change email / userName": an Invited member gets a new invitation at the new address and
 * the old link dies; a member who joined gets a notice at the OLD address; nothing else is sent.
 */
describe('email and userName changes', () => {
  let stack: TestStack;
  let idp: ReturnType<typeof idpClient>;

  beforeAll(async () => {
    stack = await startTestStack();
    const org = await adminClient(stack).provisionOrganization('Change Corp');
    idp = idpClient(stack, org.id, org.key, 'Microsoft.Identity.Provisioning/1.0');
  });
  afterAll(async () => {
    await stack?.close();
  });

  const mailTo = (address: string) => stack.sink.messages.filter((m) => m.to.includes(address));
  const changeWorkEmail = (id: string, value: string) =>
    idp.send('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'emails[type eq "work"].value', value }],
    });
  const db = async <T>(sql: string, params: unknown[]): Promise<T[]> => {
    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const create = async (userName: string) => {
    const created = await idp.send('POST', '/Users', newUser(userName));
    expect(created.status).toBe(201);
    await stack.sink.waitFor((m) => m.to.includes(userName));
    return created.body.id as string;
  };

  it('re-invites an Invited member at the new address; the old link no longer matches the member', async () => {
    const id = await create('inv-old@example.com');
    const oldToken = TOKEN.exec(mailTo('inv-old@example.com')[0].text)![1];
    const oldClaims = verifyInvitationToken(oldToken, stack.env.INVITATION_SECRET, new Date())!;

    expect((await changeWorkEmail(id, 'Inv-New@Example.com')).status).toBe(204);
    const invitation = await stack.sink.waitFor((m) => m.to.includes('inv-new@example.com'));
    const newClaims = verifyInvitationToken(
      TOKEN.exec(invitation.text)![1],
      stack.env.INVITATION_SECRET,
      new Date(),
    )!;
    expect(newClaims).toMatchObject({ memberId: id, email: 'inv-new@example.com' });
    expect(newClaims.nonce).not.toBe(oldClaims.nonce);

    // What the accept check compares: the old token's nonce and address are no longer the member's.
    const [row] = await db<{ email: string; invitation_nonce: string; status: string }>(
      'SELECT email, invitation_nonce, status FROM members WHERE id = $1',
      [id],
    );
    expect(row).toEqual({
      email: 'inv-new@example.com',
      invitation_nonce: newClaims.nonce,
      status: 'invited',
    });
    expect(row.invitation_nonce).not.toBe(oldClaims.nonce);

    // ...and the accept page, which applies that check, refuses the old link and shows the new one.
    const page = (token: string) =>
      stack.gateway.inject({ method: 'GET', url: `/invitations/accept?token=${token}` });
    expect((await page(oldToken)).statusCode).toBe(404);
    const current = await page(TOKEN.exec(invitation.text)![1]);
    expect([current.statusCode, current.body.includes('inv-new@example.com')]).toEqual([200, true]);

    await settle();
    expect(mailTo('inv-old@example.com')).toHaveLength(1); // the first invitation, no notice
    expect(mailTo('inv-new@example.com')).toHaveLength(1);
  });

  it('tells a member who joined, at the old address, and sends nothing to the new one', async () => {
    const id = await create('joined-old@example.com');
    await db('UPDATE members SET status = $2 WHERE id = $1', [id, 'confirmed']);

    expect((await changeWorkEmail(id, 'joined-new@example.com')).status).toBe(204);
    const notice = await stack.sink.waitFor(
      (m) => m.to.includes('joined-old@example.com') && /changed/.test(m.subject),
    );
    expect(notice.subject).toBe('Your email address at Change Corp was changed');
    expect(notice.text).toContain('joined-old@example.com');
    expect(notice.text).not.toMatch(TOKEN);

    // The same change again, by PUT as Okta sends it, changes nothing and sends nothing.
    const current = (await idp.send('GET', `/Users/${id}`)).body;
    expect((await idp.send('PUT', `/Users/${id}`, current)).status).toBe(200);
    await settle();
    expect(mailTo('joined-old@example.com')).toHaveLength(2); // invitation, then the notice
    expect(mailTo('joined-new@example.com')).toHaveLength(0);
    const [row] = await db<{ email: string; status: string }>(
      'SELECT email, status FROM members WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ email: 'joined-new@example.com', status: 'confirmed' });
  });

  it('sends nothing when only the userName of an Invited member changes (an Entra UPN rename)', async () => {
    const created = await idp.send(
      'POST',
      '/Users',
      newUser('upn-old@contoso.com', {
        emails: [{ value: 'person@example.com', type: 'work', primary: true }],
      }),
    );
    const id = created.body.id;
    await stack.sink.waitFor((m) => m.to.includes('person@example.com'));
    const renamed = await idp.send('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'Replace', path: 'userName', value: 'upn-new@contoso.com' }],
    });
    expect(renamed.status).toBe(204);
    expect((await idp.send('GET', `/Users/${id}`)).body.userName).toBe('upn-new@contoso.com');
    await settle();
    expect(mailTo('person@example.com')).toHaveLength(1);
    expect(mailTo('upn-old@contoso.com')).toHaveLength(0);
  });

  // SPEC §4: a member who joined is told of a userName change at their (unchanged) address, once.
  it('tells a member who joined of a new userName once, naming the old and the new', async () => {
    const created = await idp.send(
      'POST',
      '/Users',
      newUser('kim-old', { emails: [{ value: 'kim@example.com', type: 'work', primary: true }] }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await stack.sink.waitFor((m) => m.to.includes('kim@example.com'));
    await db('UPDATE members SET status = $2 WHERE id = $1', [id, 'confirmed']);
    const rename = (userName: string) =>
      idp.send('PATCH', `/Users/${id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Replace', path: 'userName', value: userName }],
      });

    expect((await rename('kim-new')).status).toBe(204);
    const notice = await stack.sink.waitFor(
      (m) => m.to.includes('kim@example.com') && /username/.test(m.subject),
    );
    expect(notice.subject).toBe('Your username at Change Corp was changed');
    expect(notice.text).toContain('from kim-old to kim-new.');
    expect(notice.html).toContain('from <strong>kim-old</strong> to <strong>kim-new</strong>');
    expect(notice.text).not.toMatch(TOKEN);

    // The same rename again, by PATCH and by PUT of the resource as it is, sends nothing; nor does a
    // change of case, which is the same userName (stored as sent all the same).
    expect((await rename('kim-new')).status).toBe(204);
    const current = (await idp.send('GET', `/Users/${id}`)).body;
    expect((await idp.send('PUT', `/Users/${id}`, current)).status).toBe(200);
    expect((await rename('KIM-NEW')).status).toBe(204);
    await settle();
    expect(mailTo('kim@example.com').map((m) => m.subject)).toEqual([
      'You are invited to join Change Corp',
      'Your username at Change Corp was changed',
    ]);
    expect((await idp.send('GET', `/Users/${id}`)).body.userName).toBe('KIM-NEW');
    const deliveries = await db<{ kind: string; recipient: string; state: string }>(
      'SELECT kind, recipient, state FROM mail_deliveries WHERE member_id = $1 ORDER BY event_id::bigint',
      [id],
    );
    expect(deliveries).toEqual([
      { kind: 'invitation', recipient: 'kim@example.com', state: 'sent' },
      { kind: 'userNameChanged', recipient: 'kim@example.com', state: 'sent' },
    ]);
  });

  it('tells a revoked member who had joined of a new userName, as of a new address', async () => {
    const created = await idp.send(
      'POST',
      '/Users',
      newUser('rev-kim-old', { emails: [{ value: 'rev-kim@example.com', type: 'work', primary: true }] }),
    );
    const id = created.body.id as string;
    await stack.sink.waitFor((m) => m.to.includes('rev-kim@example.com'));
    await db('UPDATE members SET status = $2 WHERE id = $1', [id, 'accepted']);
    const deactivate = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] };
    expect((await idp.send('PATCH', `/Users/${id}`, deactivate)).status).toBe(204);
    await stack.sink.waitForCount(2, (m) => m.to.includes('rev-kim@example.com'));

    const renamed = await idp.send('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', value: { userName: 'rev-kim-new' } }],
    });
    expect(renamed.status).toBe(204);
    await stack.sink.waitForCount(3, (m) => m.to.includes('rev-kim@example.com'));
    await settle();
    expect(mailTo('rev-kim@example.com').map((m) => m.subject)).toEqual([
      'You are invited to join Change Corp',
      'Your access to Change Corp was revoked',
      'Your username at Change Corp was changed',
    ]);
    expect(mailTo('rev-kim@example.com')[2].text).toContain('from rev-kim-old to rev-kim-new.');
  });

  it('sends one notice, at the old address, when a member who joined gets a new address and userName', async () => {
    const id = await create('both-old@example.com');
    await db('UPDATE members SET status = $2 WHERE id = $1', [id, 'confirmed']);
    const changed = await idp.send('PATCH', `/Users/${id}`, {
      schemas: [PATCH_OP],
      Operations: [
        { op: 'Replace', path: 'userName', value: 'both-new' },
        { op: 'Replace', path: 'emails[type eq "work"].value', value: 'both-new@example.com' },
      ],
    });
    expect(changed.status).toBe(204);
    await stack.sink.waitForCount(2, (m) => m.to.includes('both-old@example.com'));
    await settle();
    const [, notice, ...more] = mailTo('both-old@example.com');
    expect(more).toEqual([]);
    expect(notice.subject).toBe('Your email address at Change Corp was changed');
    expect(notice.text).toContain('Your username was changed too, from both-old@example[.]com to both-new.');
    expect(mailTo('both-new@example.com')).toHaveLength(0);
  });

  it('withdraws the link of a revoked, never-accepted member; restoring invites the new address', async () => {
    const id = await create('rev-old@example.com');
    const deactivate = {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: 'False' }],
    };
    expect((await idp.send('PATCH', `/Users/${id}`, deactivate)).status).toBe(204);
    await stack.sink.waitForCount(2, (m) => m.to.includes('rev-old@example.com'));

    expect((await changeWorkEmail(id, 'rev-new@example.com')).status).toBe(204);
    const [row] = await db<{ invitation_nonce: string | null }>(
      'SELECT invitation_nonce FROM members WHERE id = $1',
      [id],
    );
    expect(row.invitation_nonce).toBeNull();

    const restore = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: true }] };
    expect((await idp.send('PATCH', `/Users/${id}`, restore)).status).toBe(204);
    const invitation = await stack.sink.waitFor((m) => m.to.includes('rev-new@example.com'));
    expect(invitation.text).toMatch(TOKEN);
    await settle();
    expect(mailTo('rev-old@example.com')).toHaveLength(2); // invitation and revocation only
  });
});
