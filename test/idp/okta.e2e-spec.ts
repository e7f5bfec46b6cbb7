import { MailKind } from '@roster/contracts';
import {
  CORE_GROUP,
  CORE_USER,
  LIST_RESPONSE,
  filterQuery,
  patchOp,
  startIdpScenario,
  type IdpScenario,
} from '../support/idp-scenario';

/**
 * What Okta sends, step by step, as its SCIM 2.0 reference (developer.okta.com "Okta and SCIM Version
 * 2.0") documents it (SPEC §6): "Test API Credentials", create-or-match by userName, profile updates by
 * PUT of the whole user, deactivation and reactivation by path-less PATCH, never a DELETE for users,
 * and Push Groups. Okta's agent sends `User-Agent: Okta SCIM Client 1.0.0` and JSON bodies typed
 * `application/json; charset=utf-8`.
 */
describe('Okta provisions an organization', () => {
  let okta: IdpScenario;
  const userName = 'ann.okta@example.com';
  let userId: string;
  let linkedId: string;
  let groupId: string;

  beforeAll(async () => {
    okta = await startIdpScenario('Okta Org', {
      headers: { 'user-agent': 'Okta SCIM Client 1.0.0', accept: 'application/scim+json' },
      contentType: 'application/json; charset=utf-8',
    });
  });
  afterAll(async () => {
    await okta?.close();
  });

  it('passes "Test API Credentials": GET /Users?startIndex=1&count=2 on an empty organization', async () => {
    const res = await okta.send('GET', '/Users?startIndex=1&count=2');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.body).toEqual({
      schemas: [LIST_RESPONSE],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('creates a new user: filter by userName finds nothing, POST (with a password) invites once', async () => {
    const lookup = await okta.send(
      'GET',
      `/Users${filterQuery(`userName eq "${userName}"`, '&startIndex=1&count=100')}`,
    );
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] });

    const created = await okta.send('POST', '/Users', {
      schemas: [CORE_USER],
      userName,
      name: { givenName: 'Ann', familyName: 'Okta' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Ann Okta',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      groups: [],
      password: '1mz050nq',
      active: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userName,
      active: true,
      externalId: '00ujl29u0le5T6Aj10h7',
      locale: 'en-US',
    });
    expect(created.text).not.toContain('1mz050nq');
    userId = created.body.id;

    const read = await okta.send('GET', `/Users/${userId}`);
    expect(read.body).not.toHaveProperty('password');
    expect(read.body.groups ?? []).toEqual([]);
    await okta.mail.expectExactly(userName, [MailKind.invitation]);
  });

  it('matches a user who already is a member (userName in another case) and sends no second invitation', async () => {
    const existing = await okta.send('POST', '/Users', {
      schemas: [CORE_USER],
      userName: 'bo.existing@example.com',
      name: { givenName: 'Bo', familyName: 'Existing' },
      emails: [{ primary: true, value: 'bo.existing@example.com', type: 'work' }],
      active: true,
    });
    expect(existing.status).toBe(201);
    await okta.mail.expectExactly('bo.existing@example.com', [MailKind.invitation]);

    const found = await okta.send(
      'GET',
      `/Users${filterQuery('userName eq "Bo.Existing@Example.com"', '&startIndex=1&count=100')}`,
    );
    expect(found.body.totalResults).toBe(1);
    linkedId = found.body.Resources[0].id;
    expect(linkedId).toBe(existing.body.id);

    // Okta then pushes its profile onto the matched user with a PUT.
    const linked = await okta.send('PUT', `/Users/${linkedId}`, {
      ...found.body.Resources[0],
      externalId: '00uexisting0000000001',
      name: { givenName: 'Bo', familyName: 'Existing-Okta' },
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      externalId: '00uexisting0000000001',
      name: { familyName: 'Existing-Okta' },
    });
    await okta.mail.expectExactly('bo.existing@example.com', [MailKind.invitation]);
  });

  it('applies a profile update sent as a PUT of the whole user, clearing what it leaves out, without email', async () => {
    const current = await okta.send('GET', `/Users/${userId}`);
    const { title: _title, ...withoutTitle } = { ...current.body, title: 'Engineer' };
    const replaced = await okta.send('PUT', `/Users/${userId}`, {
      ...withoutTitle,
      name: { givenName: 'Annie', familyName: 'Okta' },
      displayName: 'Annie Okta',
      locale: undefined,
      password: 'changed-in-okta',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      name: { givenName: 'Annie', familyName: 'Okta' },
      displayName: 'Annie Okta',
      active: true,
    });
    expect(replaced.body).not.toHaveProperty('locale');
    expect(replaced.text).not.toContain('changed-in-okta');
    await okta.mail.expectExactly(userName, [MailKind.invitation]);
  });

  it('deactivates with a path-less PATCH replace: 204, active false, one revocation notice even if repeated', async () => {
    const deactivate = patchOp({ op: 'replace', value: { active: false } });
    const res = await okta.send('PATCH', `/Users/${userId}`, deactivate);
    expect(res.status).toBe(204);
    expect(res.headers.etag).toBeDefined();
    expect((await okta.send('GET', `/Users/${userId}`)).body.active).toBe(false);
    expect(await okta.member(userId)).toMatchObject({ status: 'revoked', statusBeforeRevoke: 'invited' });

    expect((await okta.send('PATCH', `/Users/${userId}`, deactivate)).status).toBe(204);
    await okta.mail.expectExactly(userName, [MailKind.invitation, MailKind.revocation]);
  });

  it('reactivates with PATCH active true: back to the status held before, one restored notice', async () => {
    const res = await okta.send(
      'PATCH',
      `/Users/${userId}`,
      patchOp({ op: 'replace', value: { active: true } }),
    );
    expect(res.status).toBe(204);
    expect((await okta.send('GET', `/Users/${userId}`)).body.active).toBe(true);
    expect(await okta.member(userId)).toMatchObject({ status: 'invited' });
    await okta.mail.expectExactly(userName, [MailKind.invitation, MailKind.revocation, MailKind.restored]);
  });

  it('pages through users with count=100 as its imports do', async () => {
    const page = await okta.send('GET', '/Users?startIndex=1&count=100');
    expect(page.body).toMatchObject({ totalResults: 2, itemsPerPage: 2, startIndex: 1 });
    expect(page.body.Resources.map((user: { id: string }) => user.id).sort()).toEqual(
      [userId, linkedId].sort(),
    );
  });

  describe('Push Groups', () => {
    it('creates the group empty, then adds members with PATCH add', async () => {
      const created = await okta.send('POST', '/Groups', {
        schemas: [CORE_GROUP],
        displayName: 'Engineering',
        members: [],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ displayName: 'Engineering' });
      groupId = created.body.id;

      const added = await okta.send(
        'PATCH',
        `/Groups/${groupId}`,
        patchOp({
          op: 'add',
          path: 'members',
          value: [
            { value: userId, display: userName },
            { value: linkedId, display: 'bo.existing@example.com' },
          ],
        }),
      );
      expect(added.status).toBe(204);
      const group = await okta.send('GET', `/Groups/${groupId}`);
      expect(group.body.members.map((m: { value: string }) => m.value).sort()).toEqual(
        [userId, linkedId].sort(),
      );
    });

    it('renames the group with a path-less replace carrying the id, and reads it back without members', async () => {
      const renamed = await okta.send(
        'PATCH',
        `/Groups/${groupId}`,
        patchOp({ op: 'replace', value: { id: groupId, displayName: 'Engineering (EU)' } }),
      );
      expect(renamed.status).toBe(204);
      const group = await okta.send('GET', `/Groups/${groupId}?excludedAttributes=members`);
      expect(group.status).toBe(200);
      expect(group.body.displayName).toBe('Engineering (EU)');
      expect(group.body).not.toHaveProperty('members');
    });

    it('removes a member with members[value eq "id"]; the user stays in the organization, no email', async () => {
      const removed = await okta.send(
        'PATCH',
        `/Groups/${groupId}`,
        patchOp({ op: 'remove', path: `members[value eq "${linkedId}"]` }),
      );
      expect(removed.status).toBe(204);
      const group = await okta.send('GET', `/Groups/${groupId}`);
      expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);
      expect((await okta.send('GET', `/Users/${linkedId}`)).body.active).toBe(true);
      await okta.mail.expectExactly('bo.existing@example.com', [MailKind.invitation]);
    });

    it('deletes the group when it is unlinked with "delete the group in the app"', async () => {
      expect((await okta.send('DELETE', `/Groups/${groupId}`)).status).toBe(204);
      expect((await okta.send('GET', `/Groups/${groupId}`)).status).toBe(404);
      expect((await okta.send('GET', `/Users/${userId}`)).status).toBe(200);
    });
  });
});
