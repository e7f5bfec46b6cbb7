import { verifyInvitationToken } from '@roster/contracts';
import { adminClient, idpClient, newUser, startTestStack, type TestStack } from '@roster/testing';

const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** Resolves after the outbox relay and mailer have had time to send anything still pending. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1200));

describe('an identity provider provisions users (SPEC §2–§4, §7)', () => {
  let stack: TestStack;
  let org: Awaited<ReturnType<ReturnType<typeof adminClient>['provisionOrganization']>>;
  let idp: ReturnType<typeof idpClient>;

  beforeAll(async () => {
    stack = await startTestStack();
    org = await adminClient(stack).provisionOrganization('Acme Corp');
    idp = idpClient(stack, org.id, org.key);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const mailTo = (address: string) => stack.sink.messages.filter((m) => m.to.includes(address));
  // Each email's kind, by its subject (apps/mailer/rendering): which notice came, not only how many.
  const subjectsTo = (address: string) => mailTo(address).map((m) => m.subject);
  const INVITED = 'You are invited to join Acme Corp';
  const REVOKED = 'Your access to Acme Corp was revoked';
  const RESTORED = 'Your access to Acme Corp was restored';

  it('creates a user: 201 with id, Location and meta, and one invitation email with a valid link', async () => {
    const created = await idp.send(
      'POST',
      '/Users',
      newUser('bjensen@example.com', { externalId: 'okta-1' }),
    );
    expect(created.status).toBe(201);
    expect(created.headers['content-type']).toMatch(/^application\/scim\+json/);
    const id: string = created.body.id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.headers.location).toBe(`http://roster.test/scim/v2/${org.id}/Users/${id}`);
    expect(created.body.meta).toMatchObject({ resourceType: 'User', location: created.headers.location });
    expect(created.body.meta.version).toBe(created.headers.etag);
    expect(created.body).toMatchObject({
      userName: 'bjensen@example.com',
      externalId: 'okta-1',
      active: true,
    });

    const invitation = await stack.sink.waitFor((m) => m.to.includes('bjensen@example.com'));
    expect(invitation.subject).toContain('Acme Corp');
    expect(invitation.text).toContain('Acme Corp');
    expect(invitation.text).toContain('bjensen@example.com');
    expect(invitation.html).toContain('Acme Corp');
    const link = /http:\/\/roster\.test\/invitations\/accept\?token=([A-Za-z0-9_.-]+)/.exec(invitation.text);
    expect(link).not.toBeNull();
    const claims = verifyInvitationToken(link![1], stack.env.INVITATION_SECRET, new Date());
    expect(claims).toMatchObject({ memberId: id, organizationId: org.id, email: 'bjensen@example.com' });

    const again = await idp.send('POST', '/Users', newUser('bjensen@example.com'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ schemas: [SCIM_ERROR], status: '409', scimType: 'uniqueness' });
    expect(again.body.detail).toMatch(/userName/);
    await settle();
    expect(mailTo('bjensen@example.com')).toHaveLength(1);
  });

  it('finds a user by userName in another case, by externalId and by work email; no match is 200 with 0', async () => {
    const byName = await idp.send(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "BJENSEN@EXAMPLE.COM"')}`,
    );
    expect(byName.status).toBe(200);
    expect(byName.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(byName.body.Resources[0].userName).toBe('bjensen@example.com');

    const byExternal = await idp.send('GET', `/Users?filter=${encodeURIComponent('externalId eq "okta-1"')}`);
    expect(byExternal.body.totalResults).toBe(1);
    const byEmail = await idp.send(
      'GET',
      `/users?filter=${encodeURIComponent('emails[type eq "work"].value eq "BJensen@Example.com"')}`,
    );
    expect(byEmail.body.totalResults).toBe(1);

    const none = await idp.send(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "nobody@example.com"')}`,
    );
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('answers an unparseable filter with 400 invalidFilter', async () => {
    const bad = await idp.send('GET', `/Users?filter=${encodeURIComponent('userName eq "x" and (')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ schemas: [SCIM_ERROR], status: '400', scimType: 'invalidFilter' });
  });

  it('pages with startIndex and count (Okta "Test API Credentials")', async () => {
    for (const n of [1, 2, 3]) {
      expect((await idp.send('POST', '/Users', newUser(`pager${n}@example.com`))).status).toBe(201);
    }
    const page = await idp.send('GET', '/Users?startIndex=2&count=2');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ totalResults: 4, startIndex: 2, itemsPerPage: 2 });
    const onlyTotal = await idp.send('GET', '/Users?count=0');
    expect(onlyTotal.body).toMatchObject({ totalResults: 4, itemsPerPage: 0, Resources: [] });
  });

  it('revokes on Okta- and Entra-style deactivation, once, and restores the previous status', async () => {
    for (const [userName, deactivate] of [
      ['okta-style@example.com', { op: 'replace', value: { active: false } }],
      ['entra-style@example.com', { op: 'Replace', path: 'active', value: 'False' }],
    ] as const) {
      const created = await idp.send('POST', '/Users', newUser(userName));
      const id = created.body.id;
      await stack.sink.waitFor((m) => m.to.includes(userName));
      const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [deactivate] };

      const revoked = await idp.send('PATCH', `/Users/${id}`, patch);
      expect(revoked.status).toBe(204);
      expect(revoked.headers.etag).toBeDefined();
      await stack.sink.waitForCount(2, (m) => m.to.includes(userName));
      expect(subjectsTo(userName)).toEqual([INVITED, REVOKED]);
      expect(mailTo(userName)[1].text).toContain('Acme Corp');
      expect((await idp.send('GET', `/Users/${id}`)).body.active).toBe(false);

      expect((await idp.send('PATCH', `/Users/${id}`, patch)).status).toBe(204);
      await settle();
      expect(subjectsTo(userName)).toEqual([INVITED, REVOKED]);

      const members = await adminClient(stack).send('GET', `/api/organizations/${org.id}/members`);
      const member = members.body.members.find((m: { id: string }) => m.id === id);
      expect(member).toMatchObject({ status: 'revoked', statusBeforeRevoke: 'invited' });

      const restore = {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: true }],
      };
      expect((await idp.send('PATCH', `/Users/${id}`, restore)).status).toBe(204);
      await stack.sink.waitForCount(3, (m) => m.to.includes(userName));
      expect(subjectsTo(userName)).toEqual([INVITED, REVOKED, RESTORED]);
      expect(mailTo(userName)[2].text).toContain('Acme Corp');
      const after = await adminClient(stack).send('GET', `/api/organizations/${org.id}/members`);
      expect(after.body.members.find((m: { id: string }) => m.id === id).status).toBe('invited');
      expect((await idp.send('GET', `/Users/${id}`)).body.active).toBe(true);
    }
  });

  it('replaces a user with PUT, clearing attributes left out but keeping active when absent', async () => {
    const created = await idp.send('POST', '/Users', newUser('put@example.com', { title: 'Engineer' }));
    const id = created.body.id;
    const { active: _active, ...withoutActive } = newUser('put@example.com', { displayName: 'Put Person' });
    const replaced = await idp.send('PUT', `/Users/${id}`, withoutActive);
    expect(replaced.status).toBe(200);
    expect(replaced.body.displayName).toBe('Put Person');
    expect(replaced.body.title).toBeUndefined();
    expect(replaced.body.active).toBe(true);
    expect(replaced.body.meta.version).not.toBe(created.body.meta.version);
    const stale = await idp.send('PUT', `/Users/${id}`, withoutActive, {
      'if-match': created.body.meta.version,
    });
    expect(stale.status).toBe(412);
  });

  it('deletes a user: 204, a removal notice, then 404; the userName can be provisioned again', async () => {
    const created = await idp.send('POST', '/Users', newUser('leaver@example.com'));
    const id = created.body.id;
    await stack.sink.waitFor((m) => m.to.includes('leaver@example.com'));

    const deleted = await idp.send('DELETE', `/Users/${id}`);
    expect(deleted.status).toBe(204);
    await stack.sink.waitForCount(2, (m) => m.to.includes('leaver@example.com'));
    expect(subjectsTo('leaver@example.com')).toEqual([INVITED, 'You were removed from Acme Corp']);
    expect(mailTo('leaver@example.com')[1].text).toContain('Acme Corp');
    const gone = await idp.send('GET', `/Users/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ schemas: [SCIM_ERROR], status: '404' });
    expect((await idp.send('DELETE', `/Users/${id}`)).status).toBe(404);

    expect((await idp.send('POST', '/Users', newUser('leaver@example.com'))).status).toBe(201);
  });

  it('shows members with status and email delivery state to the admin', async () => {
    const members = await adminClient(stack).send('GET', `/api/organizations/${org.id}/members`);
    expect(members.status).toBe(200);
    const bjensen = members.body.members.find(
      (m: { userName: string }) => m.userName === 'bjensen@example.com',
    );
    expect(bjensen).toMatchObject({ status: 'invited', email: 'bjensen@example.com' });
    expect(bjensen.lastEmail).toMatchObject({ kind: 'invitation', state: 'sent' });
  });
});
