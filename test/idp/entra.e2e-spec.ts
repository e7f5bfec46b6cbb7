import { MailKind } from '@roster/contracts';
import { randomUUID } from 'node:crypto';
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
 * What Microsoft Entra ID's provisioning service sends, from Microsoft's "Develop a SCIM endpoint"
 * (request/response examples) and "Known issues and resolutions with SCIM 2.0 protocol compliance"
 * (the `aadOptscim062020` behaviours) and SPEC §6: "Test Connection" probes with a random filter,
 * matching by userName and externalId, capitalised ops, `"False"`/`"True"` strings for `active` (the
 * default mapping is `Switch([IsSoftDeleted], , "False", "True", "True", "False")`), path-less
 * replace with dotted keys, DELETE when a user is deleted, groups read with
 * `excludedAttributes=members` and members added and removed by value lists. Every request carries an
 * `ADSCIMVersion` header; some tenants append `?aadOptscim062020` to the tenant URL, which Roster ignores.
 */
describe('Microsoft Entra ID provisions an organization', () => {
  let entra: IdpScenario;
  const upn = 'grace.entra@contoso.example';
  const mail = 'grace.hopper@contoso.example';
  let userId: string;
  let groupId: string;
  let otherId: string;

  beforeAll(async () => {
    entra = await startIdpScenario('Contoso', {
      headers: { adscimversion: '2.0', accept: 'application/scim+json' },
      contentType: 'application/scim+json',
    });
  });
  afterAll(async () => {
    await entra?.close();
  });

  it('passes "Test Connection": a random userName filter answers 200 with no results', async () => {
    const users = await entra.send('GET', `/Users${filterQuery(`userName eq "${randomUUID()}"`)}`);
    expect(users.status).toBe(200);
    expect(users.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('passes the groups probe of "Test Connection": a random displayName filter answers 200, no results', async () => {
    const groups = await entra.send(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${randomUUID()}"`)}`,
    );
    expect(groups.status).toBe(200);
    expect(groups.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('creates a user whose userName is a UPN: the invitation goes to the primary work email, once', async () => {
    const lookup = await entra.send(
      'GET',
      `/Users${filterQuery(`userName eq "${upn}"`, '&aadOptscim062020')}`,
    );
    expect(lookup.body.totalResults).toBe(0);
    const created = await entra.send('POST', '/Users?aadOptscim062020', {
      schemas: [CORE_USER, ENTERPRISE_USER],
      externalId: 'grace',
      userName: upn,
      active: true,
      emails: [{ primary: true, type: 'work', value: mail }],
      meta: { resourceType: 'User' },
      name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
      roles: [],
      [ENTERPRISE_USER]: { department: 'Research', employeeNumber: '1906' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      userName: upn,
      externalId: 'grace',
      [ENTERPRISE_USER]: { department: 'Research' },
    });
    userId = created.body.id;
    await entra.mail.expectExactly(mail, [MailKind.invitation]);
    expect(entra.mail.kinds(upn)).toEqual([]);
  });

  it('matches an existing user by externalId and by userName', async () => {
    const byExternalId = await entra.send('GET', `/Users${filterQuery('externalId eq "grace"')}`);
    expect(byExternalId.body.Resources.map((u: { id: string }) => u.id)).toEqual([userId]);
    const byUserName = await entra.send('GET', `/Users${filterQuery(`userName eq "${upn.toUpperCase()}"`)}`);
    expect(byUserName.body.Resources.map((u: { id: string }) => u.id)).toEqual([userId]);
  });

  it.each([
    [
      'a path per attribute, ops capitalised',
      [
        { op: 'Replace', path: 'name.familyName', value: 'Hopper-Murray' },
        { op: 'Add', path: 'title', value: 'Rear Admiral' },
      ],
      { name: { familyName: 'Hopper-Murray' }, title: 'Rear Admiral' },
    ],
    [
      'a path-less replace with dotted keys and an extension URN',
      [
        {
          op: 'replace',
          value: {
            displayName: 'Amazing Grace',
            'name.givenName': 'Grace B.',
            [`${ENTERPRISE_USER}:department`]: 'Computing',
          },
        },
      ],
      {
        displayName: 'Amazing Grace',
        name: { givenName: 'Grace B.' },
        [ENTERPRISE_USER]: { department: 'Computing' },
      },
    ],
    [
      'an extension attribute by full path',
      [{ op: 'Replace', path: `${ENTERPRISE_USER}:employeeNumber`, value: '1992' }],
      { [ENTERPRISE_USER]: { employeeNumber: '1992' } },
    ],
    [
      'multi-valued attributes through value-filtered paths, and the manager as a bare id',
      [
        { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' },
        { op: 'Add', path: 'addresses[type eq "work"].locality', value: 'Arlington' },
        { op: 'Add', path: `${ENTERPRISE_USER}:manager`, value: 'a1b2c3' },
      ],
      {
        phoneNumbers: [expect.objectContaining({ type: 'work', value: '+1 555 0100' })],
        addresses: [expect.objectContaining({ type: 'work', locality: 'Arlington' })],
        [ENTERPRISE_USER]: { manager: expect.objectContaining({ value: 'a1b2c3' }) },
      },
    ],
  ])('updates a user with PATCH: %s (204, stored, no email)', async (_form, operations, expected) => {
    const res = await entra.send('PATCH', `/Users/${userId}`, patchOp(...operations));
    expect(res.status).toBe(204);
    expect((await entra.send('GET', `/Users/${userId}`)).body).toMatchObject(expected);
    await entra.mail.expectExactly(mail, [MailKind.invitation]);
  });

  it('soft-deletes with {"op":"Replace","path":"active","value":"False"}: revoked, one notice', async () => {
    const disable = patchOp({ op: 'Replace', path: 'active', value: 'False' });
    expect((await entra.send('PATCH', `/Users/${userId}`, disable)).status).toBe(204);
    expect((await entra.send('GET', `/Users/${userId}`)).body.active).toBe(false);
    expect(await entra.member(userId)).toMatchObject({ status: 'revoked' });
    // Entra retries and re-syncs: the same request again changes nothing and sends nothing.
    expect((await entra.send('PATCH', `/Users/${userId}`, disable)).status).toBe(204);
    await entra.mail.expectExactly(mail, [MailKind.invitation, MailKind.revocation]);
  });

  it('restores with "True": the previous status and one restored notice', async () => {
    const enable = patchOp({ op: 'Replace', path: 'active', value: 'True' });
    expect((await entra.send('PATCH', `/Users/${userId}`, enable)).status).toBe(204);
    expect((await entra.send('GET', `/Users/${userId}`)).body.active).toBe(true);
    expect(await entra.member(userId)).toMatchObject({ status: 'invited' });
    await entra.mail.expectExactly(mail, [MailKind.invitation, MailKind.revocation, MailKind.restored]);
  });

  describe('group assignment', () => {
    beforeAll(async () => {
      const other = await entra.send('POST', '/Users', {
        schemas: [CORE_USER],
        externalId: 'alan',
        userName: 'alan.entra@contoso.example',
        active: true,
        emails: [{ primary: true, type: 'work', value: 'alan.entra@contoso.example' }],
      });
      otherId = other.body.id;
    });

    it('creates the group with Microsoft’s extra schema URN, then finds it by displayName without members', async () => {
      const created = await entra.send('POST', '/Groups', {
        schemas: [CORE_GROUP, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
        displayName: 'Navy Research',
        meta: { resourceType: 'Group' },
      });
      expect(created.status).toBe(201);
      groupId = created.body.id;
      const found = await entra.send(
        'GET',
        `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Navy Research"')}`,
      );
      expect(found.body.totalResults).toBe(1);
      expect(found.body.Resources[0]).toMatchObject({
        id: groupId,
        externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      });
      expect(found.body.Resources[0]).not.toHaveProperty('members');
      const one = await entra.send('GET', `/Groups/${groupId}?excludedAttributes=members`);
      expect(one.body).not.toHaveProperty('members');
    });

    it('adds members with {"op":"Add","path":"members","value":[{"$ref":null,"value":id}]}, re-sent without harm', async () => {
      const add = patchOp({
        op: 'Add',
        path: 'members',
        value: [
          { $ref: null, value: userId },
          { $ref: null, value: otherId },
        ],
      });
      expect((await entra.send('PATCH', `/Groups/${groupId}`, add)).status).toBe(204);
      expect((await entra.send('PATCH', `/Groups/${groupId}`, add)).status).toBe(204);
      const group = await entra.send('GET', `/Groups/${groupId}`);
      expect(group.body.members.map((m: { value: string }) => m.value).sort()).toEqual(
        [userId, otherId].sort(),
      );
    });

    it('removes members by value list (old form) and by members[value eq] (aadOptscim062020 form)', async () => {
      const oldForm = patchOp({ op: 'Remove', path: 'members', value: [{ $ref: null, value: otherId }] });
      expect((await entra.send('PATCH', `/Groups/${groupId}`, oldForm)).status).toBe(204);
      const newForm = patchOp({ op: 'remove', path: `members[value eq "${userId}"]` });
      expect((await entra.send('PATCH', `/Groups/${groupId}?aadOptscim062020`, newForm)).status).toBe(204);
      const group = await entra.send('GET', `/Groups/${groupId}`);
      expect(group.body.members ?? []).toEqual([]);
      expect((await entra.send('GET', `/Users/${otherId}`)).body.active).toBe(true);
    });

    it('renames the group with {"op":"Replace","path":"displayName"} and deletes it', async () => {
      const rename = patchOp({ op: 'Replace', path: 'displayName', value: 'Navy Research Lab' });
      expect((await entra.send('PATCH', `/Groups/${groupId}`, rename)).status).toBe(204);
      expect((await entra.send('GET', `/Groups/${groupId}`)).body.displayName).toBe('Navy Research Lab');
      expect((await entra.send('DELETE', `/Groups/${groupId}`)).status).toBe(204);
      expect((await entra.send('GET', `/Groups/${groupId}`)).status).toBe(404);
    });
  });

  it('deletes a user deleted in Entra: 204, one removal notice, then 404', async () => {
    expect((await entra.send('DELETE', `/Users/${userId}`)).status).toBe(204);
    expect((await entra.send('GET', `/Users/${userId}`)).status).toBe(404);
    expect(await entra.member(userId)).toBeUndefined();
    await entra.mail.expectExactly(mail, [
      MailKind.invitation,
      MailKind.revocation,
      MailKind.restored,
      MailKind.removal,
    ]);
  });
});
