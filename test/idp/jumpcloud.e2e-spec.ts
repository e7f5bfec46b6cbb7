import { MailKind } from '@roster/contracts';
import {
  CORE_GROUP,
  CORE_USER,
  filterQuery,
  patchOp,
  startIdpScenario,
  type IdpScenario,
} from '../support/idp-scenario';

/**
 * What JumpCloud's Identity Management (SCIM 2.0) connector sends, as its setup guide describes it
 * (shared/seeds: Bitwarden's JumpCloud SCIM guide; SPEC §6): "Activate" tests the connection; users are
 * bound through user groups and carry `active` (= not suspended and password not expired), a primary
 * email and displayName; user updates are PUTs of the whole user; bound user groups are pushed with
 * displayName and members. JumpCloud names itself in its User-Agent and sends `application/scim+json`.
 */
describe('JumpCloud provisions an organization', () => {
  let jumpcloud: IdpScenario;
  const email = 'kim.jc@example.com';
  let userId: string;
  let groupId: string;

  const userBody = (overrides: Record<string, unknown> = {}) => ({
    schemas: [CORE_USER],
    userName: email,
    displayName: 'Kim JC',
    name: { givenName: 'Kim', familyName: 'JC' },
    emails: [{ value: email, type: 'work', primary: true }],
    active: true,
    ...overrides,
  });

  beforeAll(async () => {
    jumpcloud = await startIdpScenario('JumpCloud Org', {
      headers: { 'user-agent': 'JumpCloud SCIM Client', accept: 'application/scim+json' },
      contentType: 'application/scim+json',
    });
  });
  afterAll(async () => {
    await jumpcloud?.close();
  });

  it.each(['/Users', '/Groups'])(
    'passes "Activate": listing %s answers 200 with an empty SCIM list',
    async (path) => {
      const res = await jumpcloud.send('GET', `${path}?startIndex=1&count=1`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ totalResults: 0, Resources: [] });
    },
  );

  it('creates a bound user after a userName lookup finds nothing: one invitation to the primary email', async () => {
    expect(
      (await jumpcloud.send('GET', `/Users${filterQuery(`userName eq "${email}"`)}`)).body.totalResults,
    ).toBe(0);
    const created = await jumpcloud.send('POST', '/Users', userBody());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ userName: email, displayName: 'Kim JC', active: true });
    userId = created.body.id;
    await jumpcloud.mail.expectExactly(email, [MailKind.invitation]);
  });

  it('matches the user on a second bind instead of creating a duplicate', async () => {
    const found = await jumpcloud.send('GET', `/Users${filterQuery(`userName eq "${email.toUpperCase()}"`)}`);
    expect(found.body.Resources.map((u: { id: string }) => u.id)).toEqual([userId]);
    expect((await jumpcloud.send('POST', '/Users', userBody())).status).toBe(409);
  });

  it('updates displayName with a PUT of the whole user, without email', async () => {
    const res = await jumpcloud.send(
      'PUT',
      `/Users/${userId}`,
      userBody({ id: userId, displayName: 'Kim J. C.' }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Kim J. C.', active: true });
    await jumpcloud.mail.expectExactly(email, [MailKind.invitation]);
  });

  it('suspends (or expires the password of) the user: PUT active false revokes, with one notice', async () => {
    const suspended = userBody({ id: userId, displayName: 'Kim J. C.', active: false });
    expect((await jumpcloud.send('PUT', `/Users/${userId}`, suspended)).status).toBe(200);
    expect((await jumpcloud.send('PUT', `/Users/${userId}`, suspended)).status).toBe(200);
    expect(await jumpcloud.member(userId)).toMatchObject({ status: 'revoked' });
    await jumpcloud.mail.expectExactly(email, [MailKind.invitation, MailKind.revocation]);
  });

  it('unsuspends the user: PUT active true restores, with one notice', async () => {
    const res = await jumpcloud.send(
      'PUT',
      `/Users/${userId}`,
      userBody({ id: userId, displayName: 'Kim J. C.' }),
    );
    expect(res.body.active).toBe(true);
    expect(await jumpcloud.member(userId)).toMatchObject({ status: 'invited' });
    await jumpcloud.mail.expectExactly(email, [MailKind.invitation, MailKind.revocation, MailKind.restored]);
  });

  describe('user groups', () => {
    it('pushes a bound user group with its displayName and members', async () => {
      const created = await jumpcloud.send('POST', '/Groups', {
        schemas: [CORE_GROUP],
        displayName: 'Designers',
        members: [{ value: userId, display: email }],
      });
      expect(created.status).toBe(201);
      groupId = created.body.id;
      expect(created.body.members.map((m: { value: string }) => m.value)).toEqual([userId]);
      expect((await jumpcloud.send('GET', `/Users/${userId}`)).body.groups).toEqual([
        expect.objectContaining({ value: groupId, display: 'Designers' }),
      ]);
    });

    it('renames the group and removes the member; the user stays in the organization', async () => {
      const replaced = await jumpcloud.send('PUT', `/Groups/${groupId}`, {
        schemas: [CORE_GROUP],
        id: groupId,
        displayName: 'Product Designers',
        members: [],
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body.displayName).toBe('Product Designers');
      expect(replaced.body.members ?? []).toEqual([]);
      const readd = patchOp({ op: 'add', path: 'members', value: [{ value: userId }] });
      expect((await jumpcloud.send('PATCH', `/Groups/${groupId}`, readd)).status).toBe(204);
      const remove = patchOp({ op: 'remove', path: 'members', value: [{ value: userId }] });
      expect((await jumpcloud.send('PATCH', `/Groups/${groupId}`, remove)).status).toBe(204);
      expect((await jumpcloud.send('GET', `/Groups/${groupId}`)).body.members ?? []).toEqual([]);
      expect((await jumpcloud.send('GET', `/Users/${userId}`)).body.active).toBe(true);
    });

    it('deletes the group when it is unbound', async () => {
      expect((await jumpcloud.send('DELETE', `/Groups/${groupId}`)).status).toBe(204);
      expect((await jumpcloud.send('GET', `/Groups/${groupId}`)).status).toBe(404);
    });
  });

  it('deletes the user when it is deleted in JumpCloud: one removal notice, then 404', async () => {
    expect((await jumpcloud.send('DELETE', `/Users/${userId}`)).status).toBe(204);
    expect((await jumpcloud.send('GET', `/Users/${userId}`)).status).toBe(404);
    await jumpcloud.mail.expectExactly(email, [
      MailKind.invitation,
      MailKind.revocation,
      MailKind.restored,
      MailKind.removal,
    ]);
  });
});
