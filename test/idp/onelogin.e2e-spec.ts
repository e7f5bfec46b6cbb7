import { MailKind } from '@roster/contracts';
import {
  CORE_GROUP,
  CORE_USER,
  ENTERPRISE_USER,
  filterQuery,
  patchOp,
  startIdpScenario,
  type IdpScenario,
} from '../support/idp-scenario';

/**
 * What OneLogin's "SCIM Provisioner with SAML (SCIM v2 Enterprise)" app sends (SPEC §6): on "Enable"
 * it lists users to check the base URL and bearer token; users are built from the app's SCIM JSON
 * template (`userName` from `{$parameters.scimusername}`, name, a primary work email, the enterprise
 * extension); it looks users up by userName before creating them; profile changes are PUT; the
 * deprovisioning action is "Suspend" (active false) or "Delete"; groups come from rules and roles and
 * their members are added and removed with PATCH. It sends `application/json` bodies.
 */
describe('OneLogin provisions an organization', () => {
  let onelogin: IdpScenario;
  const email = 'lee.ol@example.com';
  let userId: string;
  let groupId: string;

  /** The app's default v2 Enterprise JSON template, filled in. */
  const templated = (overrides: Record<string, unknown> = {}) => ({
    schemas: [CORE_USER, ENTERPRISE_USER],
    userName: email,
    name: { givenName: 'Lee', familyName: 'OneLogin', formatted: 'Lee OneLogin' },
    emails: [{ value: email, type: 'work', primary: true }],
    [ENTERPRISE_USER]: { department: 'Sales', organization: 'Acme' },
    ...overrides,
  });

  beforeAll(async () => {
    onelogin = await startIdpScenario('OneLogin Org', {
      headers: { 'user-agent': 'OneLogin SCIM', accept: 'application/json' },
      contentType: 'application/json',
    });
  });
  afterAll(async () => {
    await onelogin?.close();
  });

  it('passes "Enable": a user listing answers 200', async () => {
    const res = await onelogin.send('GET', '/Users?startIndex=1&count=1');
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(0);
  });

  it('creates a user from the template (no `active` in it: defaults to true) and invites once', async () => {
    expect(
      (await onelogin.send('GET', `/Users${filterQuery(`userName eq "${email}"`)}`)).body.totalResults,
    ).toBe(0);
    const created = await onelogin.send('POST', '/Users', templated());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userName: email,
      active: true,
      [ENTERPRISE_USER]: { department: 'Sales' },
    });
    userId = created.body.id;
    await onelogin.mail.expectExactly(email, [MailKind.invitation]);
  });

  it('applies a profile change sent as PUT of the template, without email', async () => {
    const res = await onelogin.send(
      'PUT',
      `/Users/${userId}`,
      templated({ [ENTERPRISE_USER]: { department: 'Marketing' } }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: true, [ENTERPRISE_USER]: { department: 'Marketing' } });
    expect(res.body[ENTERPRISE_USER]).not.toHaveProperty('organization');
    await onelogin.mail.expectExactly(email, [MailKind.invitation]);
  });

  it('suspends (deprovisioning action "Suspend") and unsuspends, one notice each', async () => {
    const suspend = patchOp({ op: 'replace', path: 'active', value: false });
    expect((await onelogin.send('PATCH', `/Users/${userId}`, suspend)).status).toBe(204);
    expect(await onelogin.member(userId)).toMatchObject({ status: 'revoked' });
    const unsuspend = patchOp({ op: 'replace', path: 'active', value: true });
    expect((await onelogin.send('PATCH', `/Users/${userId}`, unsuspend)).status).toBe(204);
    expect(await onelogin.member(userId)).toMatchObject({ status: 'invited' });
    await onelogin.mail.expectExactly(email, [MailKind.invitation, MailKind.revocation, MailKind.restored]);
  });

  describe('groups from rules', () => {
    it('creates a group and adds the user with PATCH', async () => {
      const created = await onelogin.send('POST', '/Groups', {
        schemas: [CORE_GROUP],
        displayName: 'Sales EMEA',
      });
      expect(created.status).toBe(201);
      groupId = created.body.id;
      const add = patchOp({ op: 'add', path: 'members', value: [{ value: userId }] });
      expect((await onelogin.send('PATCH', `/Groups/${groupId}`, add)).status).toBe(204);
      expect((await onelogin.send('GET', `/Groups/${groupId}`)).body.members).toEqual([
        expect.objectContaining({ value: userId }),
      ]);
    });

    it('removes the user with members[value eq "id"] and deletes the group', async () => {
      const remove = patchOp({ op: 'remove', path: `members[value eq "${userId}"]` });
      expect((await onelogin.send('PATCH', `/Groups/${groupId}`, remove)).status).toBe(204);
      expect((await onelogin.send('GET', `/Groups/${groupId}`)).body.members ?? []).toEqual([]);
      expect((await onelogin.send('DELETE', `/Groups/${groupId}`)).status).toBe(204);
    });
  });

  it('deletes the user (deprovisioning action "Delete"): one removal notice, then 404', async () => {
    expect((await onelogin.send('DELETE', `/Users/${userId}`)).status).toBe(204);
    expect((await onelogin.send('GET', `/Users/${userId}`)).status).toBe(404);
    await onelogin.mail.expectExactly(email, [
      MailKind.invitation,
      MailKind.revocation,
      MailKind.restored,
      MailKind.removal,
    ]);
  });
});
