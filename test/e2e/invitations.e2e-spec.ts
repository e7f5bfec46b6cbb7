import { signInvitationToken, verifyInvitationToken } from '@roster/contracts';
import {
  adminClient,
  idpClient,
  newUser,
  request,
  startTestStack,
  TEST_PUBLIC_URL,
  type HttpResult,
  type TestStack,
} from '@roster/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';

const HOSTILE_ORGANIZATION = 'Acme <script>alert("x")</script>';
const ESCAPED_ORGANIZATION = 'Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';
const ACCEPT_LINK = /http:\/\/roster\.test(\/invitations\/accept\?token=([A-Za-z0-9_.%-]+))/;
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** Resolves after the outbox relay and mailer have had time to send anything still pending. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1200));

// Protects SPEC §7 and issue 5 §1, §2, §7 end to end: an IdP provisions a user, the person opens the
// emailed link, accepts once without JavaScript, the admins are told, an admin confirms; re-sending
// kills the old link; every unusable link gets one identical page; pages carry the security headers.
describe('Invite → Accept → Confirm through all three services', () => {
  let stack: TestStack;
  let admin: ReturnType<typeof adminClient>;
  let idp: ReturnType<typeof idpClient>;
  let organizationId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    admin = adminClient(stack);
    const org = await admin.provisionOrganization(HOSTILE_ORGANIZATION);
    organizationId = org.id;
    idp = idpClient(stack, org.id, org.key);
    const settings = await admin.send('PUT', `/api/organizations/${org.id}/settings`, {
      adminEmails: ['Owner@Acme.example'],
    });
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({
      organizationId,
      autoConfirm: false,
      adminEmails: ['owner@acme.example'],
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const mailTo = (address: string) => stack.sink.messages.filter((m) => m.to.includes(address));
  const open = (path: string) => request(stack.gateway, 'GET', path);
  const submit = (token: string) =>
    request(stack.gateway, 'POST', '/invitations/accept', {
      body: `token=${encodeURIComponent(token)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  /** The accept link of the `nth` (1-based) invitation emailed to `address`: its path and its token. */
  async function invitationLink(address: string, nth = 1): Promise<{ path: string; token: string }> {
    const mails = await stack.sink.waitForCount(
      nth,
      (m) => m.to.includes(address) && /invited/.test(m.subject),
    );
    const match = ACCEPT_LINK.exec(mails[nth - 1].text);
    if (!match) throw new Error(`no accept link in the invitation to ${address}`);
    return { path: match[1], token: decodeURIComponent(match[2]) };
  }

  async function provision(address: string): Promise<string> {
    const created = await idp.send('POST', '/Users', newUser(address));
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function statusOf(memberId: string): Promise<string> {
    const members = await admin.send('GET', `/api/organizations/${organizationId}/members`);
    return members.body.members.find((m: { id: string }) => m.id === memberId).status as string;
  }

  async function lastEmailOf(memberId: string): Promise<{ kind: string; state: string } | null> {
    const members = await admin.send('GET', `/api/organizations/${organizationId}/members`);
    return members.body.members.find((m: { id: string }) => m.id === memberId).lastEmail;
  }

  async function waitForDeliveryRecord(memberId: string, kind: string): Promise<void> {
    const db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
    try {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const { rowCount } = await db.query(
          `SELECT 1 FROM mail_deliveries WHERE member_id = $1 AND kind = $2 AND state = 'sent'`,
          [memberId, kind],
        );
        if (rowCount) return;
        if (Date.now() > deadline) throw new Error(`no sent ${kind} delivery recorded for ${memberId}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await db.end();
    }
  }

  function expectPageHeaders(response: HttpResult): void {
    expect(response.headers).toMatchObject(PAGE_HEADERS);
  }

  it('shows the invitation, accepts it once, tells the admins, and lets an admin confirm', async () => {
    const memberId = await provision('ada@example.com');
    const link = await invitationLink('ada@example.com');

    const page = await open(link.path);
    expect(page.status).toBe(200);
    expectPageHeaders(page);
    expect(page.text).toContain(ESCAPED_ORGANIZATION);
    expect(page.text).not.toContain('<script');
    expect(page.text).toContain('ada@example.com');
    expect(page.text).toContain(`action="${TEST_PUBLIC_URL}/invitations/accept"`);
    expect(page.text).toContain(`name="token" value="${link.token}"`);
    // Opening the link (as mail scanners do) accepts nothing.
    expect(await statusOf(memberId)).toBe('invited');

    const stylesheet = /<link rel="stylesheet" href="http:\/\/roster\.test([^"]+)"/.exec(page.text);
    const css = await open(stylesheet![1]);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');

    const accepted = await submit(link.token);
    expect(accepted.status).toBe(200);
    expectPageHeaders(accepted);
    expect(accepted.text).toContain('an administrator will confirm you');
    expect(accepted.text).toContain(ESCAPED_ORGANIZATION);
    expect(await statusOf(memberId)).toBe('accepted');

    const notice = await stack.sink.waitFor((m) => m.to.includes('owner@acme.example'));
    expect(notice.subject).toMatch(/accepted the invitation to Acme/);
    expect(notice.text).toContain(`${TEST_PUBLIC_URL}/admin`);
    expect(notice.html).not.toContain('<script');
    // The notice is about ada but addressed to the admins: once its delivery is recorded, ada's
    // "last email" in the member list is still her own invitation.
    await waitForDeliveryRecord(memberId, 'acceptedAdminNotice');
    expect(await lastEmailOf(memberId)).toMatchObject({ kind: 'invitation', state: 'sent' });

    const confirmed = await admin.send(
      'POST',
      `/api/organizations/${organizationId}/members/${memberId}/confirm`,
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id: memberId, status: 'confirmed' });
    expect(await statusOf(memberId)).toBe('confirmed');
    const access = await stack.sink.waitFor(
      (m) => m.to.includes('ada@example.com') && /access/.test(m.subject),
    );
    expect(access.subject).toMatch(/^You now have access to Acme/);

    const again = await admin.send(
      'POST',
      `/api/organizations/${organizationId}/members/${memberId}/confirm`,
    );
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already confirmed/);
    const resend = await admin.send(
      'POST',
      `/api/organizations/${organizationId}/members/${memberId}/resend-invitation`,
    );
    expect(resend.status).toBe(409);
    expect(resend.body.message).toMatch(/only Invited members/);

    await settle();
    expect(mailTo('ada@example.com')).toHaveLength(2);
    expect(mailTo('owner@acme.example')).toHaveLength(1);
  });

  it('accepts exactly once when the button is submitted twice at the same time', async () => {
    const memberId = await provision('twice@example.com');
    const { token } = await invitationLink('twice@example.com');

    const results = await Promise.all([submit(token), submit(token)]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    expect(await statusOf(memberId)).toBe('accepted');
    await settle();
    expect(mailTo('owner@acme.example')).toHaveLength(2);
  });

  it('refuses to confirm a member who has not accepted, saying so', async () => {
    const memberId = await provision('early@example.com');
    const response = await admin.send(
      'POST',
      `/api/organizations/${organizationId}/members/${memberId}/confirm`,
    );
    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/not accepted the invitation yet/);
    const unknown = await admin.send(
      'POST',
      `/api/organizations/${organizationId}/members/${randomUUID()}/confirm`,
    );
    expect(unknown.status).toBe(404);
  });

  it('re-sends an invitation: a new link works, the old one is dead', async () => {
    const memberId = await provision('grace@example.com');
    const old = await invitationLink('grace@example.com');

    const resent = await admin.send(
      'POST',
      `/api/organizations/${organizationId}/members/${memberId}/resend-invitation`,
    );
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id: memberId, status: 'invited' });
    const fresh = await invitationLink('grace@example.com', 2);
    expect(fresh.token).not.toBe(old.token);

    expect((await open(old.path)).status).toBe(404);
    expect((await submit(old.token)).status).toBe(404);
    const page = await open(fresh.path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('grace@example.com');
  });

  describe('every unusable link gets the same page', () => {
    const links: Record<string, string> = {};

    beforeAll(async () => {
      const secret = stack.env.INVITATION_SECRET;
      const now = Date.now();
      const day = 24 * 3600 * 1000;

      // Used: accepted already.
      await provision('used@example.com');
      const used = await invitationLink('used@example.com');
      expect((await submit(used.token)).status).toBe(200);
      links.used = used.token;

      // Re-issued: an older issue of an invitation that was sent again.
      const reissuedId = await provision('reissued@example.com');
      links.reissued = (await invitationLink('reissued@example.com')).token;
      await admin.send(
        'POST',
        `/api/organizations/${organizationId}/members/${reissuedId}/resend-invitation`,
      );
      await invitationLink('reissued@example.com', 2);

      // Revoked: the IdP deactivated the member after the invitation went out.
      const revokedId = await provision('revoked@example.com');
      links.revoked = (await invitationLink('revoked@example.com')).token;
      const deactivate = {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      };
      expect((await idp.send('PATCH', `/Users/${revokedId}`, deactivate)).status).toBe(204);

      // Removed: the IdP deleted the member.
      const removedId = await provision('removed@example.com');
      links.removed = (await invitationLink('removed@example.com')).token;
      expect((await idp.send('DELETE', `/Users/${removedId}`)).status).toBe(204);

      // Expired: correctly signed for a real member, but its five days are over.
      const fresh = await invitationLink('grace@example.com', 2);
      const claims = verifyInvitationToken(fresh.token, secret, new Date())!;
      links.expired = signInvitationToken(
        { ...claims, issuedAt: new Date(now - 6 * day), expiresAt: new Date(now - day) },
        secret,
      );
      // Tampered: the payload of a valid token edited, the signature kept.
      const [version, payload, signature] = fresh.token.split('.');
      const edited = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      edited.e = 'mallory@example.com';
      links.tampered = [version, Buffer.from(JSON.stringify(edited)).toString('base64url'), signature].join(
        '.',
      );
      links.foreignSecret = signInvitationToken(claims, randomBytes(32).toString('hex'));
      links.garbage = 'not-a-token';
    });

    it('answers each kind of dead link with the identical page and headers, over GET and POST', async () => {
      const reference = await open('/invitations/accept');
      expect(reference.status).toBe(404);
      expectPageHeaders(reference);
      expect(reference.text).toContain(
        'Ask an administrator of the organization to send you the invitation again',
      );
      expect(reference.text).not.toMatch(/expired|revoked|tampered|used/i);

      for (const [kind, token] of Object.entries(links)) {
        for (const response of [
          await open(`/invitations/accept?token=${encodeURIComponent(token)}`),
          await submit(token),
        ]) {
          expect({ kind, status: response.status }).toEqual({ kind, status: 404 });
          expect({ kind, text: response.text }).toEqual({ kind, text: reference.text });
          expectPageHeaders(response);
        }
      }
      // The revoked member stayed revoked, the re-issued one invited.
      const members = await admin.send('GET', `/api/organizations/${organizationId}/members`);
      const byName = (userName: string) =>
        members.body.members.find((m: { userName: string }) => m.userName === userName);
      expect(byName('revoked@example.com').status).toBe('revoked');
      expect(byName('reissued@example.com').status).toBe('invited');
    });
  });

  it('answers a form post anywhere but the invitation pages with 415, as before', async () => {
    const response = await request(stack.gateway, 'PUT', `/api/organizations/${organizationId}/settings`, {
      body: 'adminEmails=x',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${stack.adminToken}`,
      },
    });
    expect(response.status).toBe(415);
  });

  it('validates the settings: a bad address is a 400 naming adminEmails', async () => {
    const response = await admin.send('PUT', `/api/organizations/${organizationId}/settings`, {
      adminEmails: ['not an address'],
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/adminEmails/);
  });

  // Last: it stops membership. An outage must say "try again", never look like a dead link.
  it('answers "try again later" (503, Retry-After) while membership is down, not the dead-link page', async () => {
    await provision('outage@example.com');
    const link = await invitationLink('outage@example.com');
    await stack.stopMembership();

    for (const response of [await open(link.path), await submit(link.token)]) {
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBeDefined();
      expectPageHeaders(response);
      expect(response.text).toContain('temporarily unavailable');
    }
  });
});
