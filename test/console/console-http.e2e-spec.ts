import {
  idpClient,
  newUser,
  request,
  startTestStack,
  TEST_PUBLIC_URL,
  type TestStack,
} from '@roster/testing';

const CONSOLE = `${TEST_PUBLIC_URL}/admin`;
const HOSTILE = 'Acme <script>alert("x")</script>';
const ESCAPED = 'Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';

/** A browser without JavaScript: keeps the session cookie, reads CSRF tokens off the pages. */
function consoleBrowser(stack: TestStack) {
  let cookie: string | undefined;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const send = async (
    method: 'GET' | 'POST',
    path: string,
    fields?: Record<string, string>,
    headers = {},
  ) => {
    const result = await request(stack.gateway, method, path, {
      body: fields ? form(fields) : undefined,
      headers: {
        ...(fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
    });
    const setCookie = result.headers['set-cookie'];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    if (typeof first === 'string') cookie = first.split(';')[0];
    return result;
  };
  return {
    send,
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    csrfOf: (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '',
    async signIn() {
      const result = await send('POST', '/admin/login', { token: stack.adminToken });
      expect(result.status).toBe(303);
      return result;
    },
  };
}

const path = (url: string) => url.replace(TEST_PUBLIC_URL, '');

// Protects issue 5 §4 and §7 over HTTP (the browser test covers the same in Chromium): the console
// needs a session, refuses forms without this session's CSRF token or from another origin and then
// changes nothing, escapes what admins and IdPs typed, shows a key exactly once, and sends CSP.
describe('admin console over HTTP', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('sends every page to sign-in without a session, and a tampered or foreign cookie is no session', async () => {
    const browser = consoleBrowser(stack);
    for (const page of [
      '/admin',
      '/admin/organizations',
      `/admin/organizations/${crypto.randomUUID()}/members`,
    ]) {
      const result = await browser.send('GET', page);
      expect([page, result.status, result.headers.location]).toEqual([page, 303, `${CONSOLE}/login`]);
    }
    await browser.signIn();
    const valid = browser.cookie!;
    browser.cookie = valid.replace(/\.\d+\./, '.99999999999999.');
    expect((await browser.send('GET', '/admin/organizations')).status).toBe(303);
    browser.cookie = 'roster_console=abcdefghijklmnopqrstuvwx.99999999999999';
    expect((await browser.send('GET', '/admin/organizations')).status).toBe(303);
    browser.cookie = valid;
    expect((await browser.send('GET', '/admin/organizations')).status).toBe(200);
  });

  it('signs in only with the admin token, into an HttpOnly SameSite cookie scoped to the console', async () => {
    const browser = consoleBrowser(stack);
    const wrong = await browser.send('POST', '/admin/login', { token: `${stack.adminToken}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('That admin token is not valid');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.text).not.toContain(stack.adminToken);

    const right = await browser.signIn();
    expect(right.headers.location).toBe(`${CONSOLE}/organizations`);
    const setCookie = String(right.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\/admin/);
    expect(setCookie).not.toContain(stack.adminToken);

    const signOut = await browser.send('POST', '/admin/logout', {
      _csrf: browser.csrfOf((await browser.send('GET', '/admin/organizations')).text),
    });
    expect(signOut.status).toBe(303);
    expect(String(signOut.headers['set-cookie'])).toMatch(/roster_console=;/);
  });

  it('refuses a form without the CSRF token, with another session’s token or from another origin, and changes nothing', async () => {
    const browser = consoleBrowser(stack);
    await browser.signIn();
    const other = consoleBrowser(stack);
    await other.signIn();
    const othersToken = other.csrfOf((await other.send('GET', '/admin/organizations')).text);
    const ownToken = browser.csrfOf((await browser.send('GET', '/admin/organizations')).text);
    expect(ownToken).not.toBe(othersToken);

    const attempts = [
      await browser.send('POST', '/admin/organizations', { name: 'Forged 1' }),
      await browser.send('POST', '/admin/organizations', { name: 'Forged 2', _csrf: othersToken }),
      await browser.send(
        'POST',
        '/admin/organizations',
        { name: 'Forged 3', _csrf: ownToken },
        { origin: 'https://evil.example' },
      ),
      await browser.send(
        'POST',
        '/admin/organizations',
        { name: 'Forged 4', _csrf: ownToken },
        { 'sec-fetch-site': 'cross-site' },
      ),
      await browser.send(
        'POST',
        '/admin/organizations',
        { name: 'Forged 5', _csrf: ownToken },
        { origin: 'null' },
      ),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(403);
      expect(attempt.text).toContain('The form expired or did not come from this console');
    }
    const list = await browser.send('GET', '/admin/organizations');
    expect(list.text).not.toContain('Forged');
  });

  it('creates an organization, escapes its name everywhere, and sends the security headers', async () => {
    const browser = consoleBrowser(stack);
    await browser.signIn();
    const csrf = browser.csrfOf((await browser.send('GET', '/admin/organizations')).text);
    const empty = await browser.send('POST', '/admin/organizations', { name: '   ', _csrf: csrf });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Name must not be empty.');

    const created = await browser.send('POST', '/admin/organizations', { name: HOSTILE, _csrf: csrf });
    expect(created.status).toBe(303);
    const scimPath = path(String(created.headers.location)).split('?')[0];
    expect(scimPath).toMatch(/^\/admin\/organizations\/[0-9a-f-]{36}\/scim$/);
    for (const page of ['/admin/organizations', scimPath, scimPath.replace(/scim$/, 'members')]) {
      const result = await browser.send('GET', page);
      expect(result.status).toBe(200);
      expect(result.text).toContain(ESCAPED);
      expect(result.text).not.toContain(HOSTILE);
      expect(result.headers['content-security-policy']).toBe(
        "default-src 'none'; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(result.headers['x-frame-options']).toBe('DENY');
      expect(result.headers['cache-control']).toBe('no-store');
      expect(result.text).not.toMatch(/<script>(?!alert)|<script(?![^>]*\bsrc=)[^>]*>/);
      expect(result.text).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    }
  });

  it('enables SCIM, shows an issued key once, and the key provisions a user whom the admin then sees', async () => {
    const browser = consoleBrowser(stack);
    await browser.signIn();
    let csrf = browser.csrfOf((await browser.send('GET', '/admin/organizations')).text);
    const created = await browser.send('POST', '/admin/organizations', { name: 'Globex', _csrf: csrf });
    const scimPath = path(String(created.headers.location)).split('?')[0];
    const organizationId = scimPath.split('/')[3];
    const page = await browser.send('GET', scimPath);
    csrf = browser.csrfOf(page.text);
    expect(page.text).toContain(
      'This API key has access to manage users within your organization. It should be kept secret.',
    );
    expect(page.text).toContain(`value="${TEST_PUBLIC_URL}/scim/v2/${organizationId}"`);
    expect(page.text).not.toMatch(/id="enabled"[^>]*checked/);

    const saved = await browser.send('POST', scimPath, { enabled: 'on', _csrf: csrf });
    expect([saved.status, saved.headers.location]).toEqual([
      303,
      `${TEST_PUBLIC_URL}${scimPath}?notice=saved`,
    ]);
    expect((await browser.send('GET', scimPath)).text).toMatch(/id="enabled"[^>]*checked/);

    const issued = await browser.send('POST', `${scimPath}/keys`, { _csrf: csrf });
    expect(issued.status).toBe(200);
    expect(issued.headers['cache-control']).toBe('no-store');
    const key = /id="scim-api-key" value="(roster_scim_[A-Za-z0-9]+)"/.exec(issued.text)?.[1];
    expect(key).toBeDefined();
    const later = await browser.send('GET', scimPath);
    expect(later.text).not.toContain(key!);
    expect(later.text).toContain(`${key!.slice(0, 16)}`.slice(0, 12));

    const idp = idpClient(stack, organizationId, key!);
    expect((await idp.send('POST', '/Users', newUser('jdoe@globex.example'))).status).toBe(201);
    const members = await browser.send('GET', `${scimPath.replace(/scim$/, 'members')}`);
    expect(members.text).toContain('jdoe@globex.example');
    expect(members.text).toContain('Invited');
    expect(members.text).toContain('Resend invitation');

    const keyId = /\/scim\/keys\/([0-9a-f-]{36})\/revoke/.exec(later.text)?.[1];
    const revoked = await browser.send('POST', `${scimPath}/keys/${keyId}/revoke`, { _csrf: csrf });
    expect(revoked.status).toBe(303);
    expect((await idp.send('GET', '/Users')).status).toBe(401);
  });

  it('rotates a key with the chosen overlap, showing the new key once, and refuses an overlap out of range', async () => {
    const browser = consoleBrowser(stack);
    await browser.signIn();
    let csrf = browser.csrfOf((await browser.send('GET', '/admin/organizations')).text);
    const created = await browser.send('POST', '/admin/organizations', { name: 'Initech', _csrf: csrf });
    const scimPath = path(String(created.headers.location)).split('?')[0];
    const organizationId = scimPath.split('/')[3];
    csrf = browser.csrfOf((await browser.send('GET', scimPath)).text);
    await browser.send('POST', scimPath, { enabled: 'on', _csrf: csrf });
    const first = /id="scim-api-key" value="([^"]+)"/.exec(
      (await browser.send('POST', `${scimPath}/keys`, { _csrf: csrf })).text,
    )![1];
    const rotateAction = (html: string) => /action="http:\/\/roster\.test([^"]+\/rotate)"/.exec(html)![1];

    const outOfRange = await browser.send('POST', rotateAction((await browser.send('GET', scimPath)).text), {
      overlapHours: '500',
      _csrf: csrf,
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.text).toContain('OverlapHours must be a whole number from 0 to');
    expect(outOfRange.text).not.toMatch(/id="scim-api-key"/);

    const rotated = await browser.send('POST', rotateAction((await browser.send('GET', scimPath)).text), {
      overlapHours: '24',
      _csrf: csrf,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.text).toContain('The key was rotated.');
    const second = /id="scim-api-key" value="([^"]+)"/.exec(rotated.text)![1];
    expect(second).not.toBe(first);
    expect((await idpClient(stack, organizationId, first).send('GET', '/Users')).status).toBe(200);
    expect((await idpClient(stack, organizationId, second).send('GET', '/Users')).status).toBe(200);

    const immediate = await browser.send('POST', rotateAction((await browser.send('GET', scimPath)).text), {
      overlapHours: '0',
      _csrf: csrf,
    });
    const third = /id="scim-api-key" value="([^"]+)"/.exec(immediate.text)![1];
    expect((await idpClient(stack, organizationId, second).send('GET', '/Users')).status).toBe(401);
    expect((await idpClient(stack, organizationId, third).send('GET', '/Users')).status).toBe(200);
  });

  it('saves the settings, and a refused form (a bad address) changes nothing', async () => {
    const browser = consoleBrowser(stack);
    await browser.signIn();
    let csrf = browser.csrfOf((await browser.send('GET', '/admin/organizations')).text);
    const created = await browser.send('POST', '/admin/organizations', { name: 'Umbrella', _csrf: csrf });
    const settingsPath = path(String(created.headers.location)).split('?')[0].replace(/scim$/, 'settings');
    csrf = browser.csrfOf((await browser.send('GET', settingsPath)).text);

    const refused = await browser.send('POST', settingsPath, {
      name: 'Umbrella Corp',
      autoConfirm: 'on',
      adminEmails: 'it@umbrella.example\nnot an address',
      _csrf: csrf,
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Each entry of adminEmails must be an email address.');
    let page = await browser.send('GET', settingsPath);
    expect(page.text).toContain('value="Umbrella"');
    expect(page.text).not.toMatch(/id="autoConfirm"[^>]*checked/);

    const saved = await browser.send('POST', settingsPath, {
      name: 'Umbrella Corp',
      autoConfirm: 'on',
      adminEmails: 'IT@umbrella.example\nsecurity@umbrella.example',
      _csrf: csrf,
    });
    expect([saved.status, saved.headers.location]).toEqual([
      303,
      `${TEST_PUBLIC_URL}${settingsPath}?notice=saved`,
    ]);
    page = await browser.send('GET', `${settingsPath}?notice=saved`);
    expect(page.text).toContain('Your changes were saved.');
    expect(page.text).toContain('value="Umbrella Corp"');
    expect(page.text).toMatch(/id="autoConfirm"[^>]*checked/);
    expect(page.text).toContain('it@umbrella.example\nsecurity@umbrella.example');
  });

  it('resends an invitation from the members page: a new email, and the old link stops working', async () => {
    const browser = consoleBrowser(stack);
    await browser.signIn();
    let csrf = browser.csrfOf((await browser.send('GET', '/admin/organizations')).text);
    const created = await browser.send('POST', '/admin/organizations', { name: 'Hooli', _csrf: csrf });
    const scimPath = path(String(created.headers.location)).split('?')[0];
    const organizationId = scimPath.split('/')[3];
    csrf = browser.csrfOf((await browser.send('GET', scimPath)).text);
    await browser.send('POST', scimPath, { enabled: 'on', _csrf: csrf });
    const key = /id="scim-api-key" value="([^"]+)"/.exec(
      (await browser.send('POST', `${scimPath}/keys`, { _csrf: csrf })).text,
    )![1];
    expect(
      (await idpClient(stack, organizationId, key).send('POST', '/Users', newUser('gavin@hooli.example')))
        .status,
    ).toBe(201);
    const link = (text: string) =>
      /http:\/\/roster\.test(\/invitations\/accept\?token=[^\s"]+)/.exec(text)![1];
    const firstLink = link((await stack.sink.waitFor((m) => m.to.includes('gavin@hooli.example'))).text);

    const membersPath = scimPath.replace(/scim$/, 'members');
    const members = await browser.send('GET', `${membersPath}?status=invited`);
    const resendAction = /action="http:\/\/roster\.test([^"]+\/resend-invitation)"/.exec(members.text)![1];
    const resent = await browser.send('POST', resendAction, { _csrf: csrf });
    expect([resent.status, resent.headers.location]).toEqual([
      303,
      `${TEST_PUBLIC_URL}${membersPath}?notice=resent`,
    ]);
    const emails = await stack.sink.waitForCount(2, (m) => m.to.includes('gavin@hooli.example'));
    expect(link(emails[1].text)).not.toBe(firstLink);
    expect((await request(stack.gateway, 'GET', firstLink)).status).toBe(404);
    expect((await request(stack.gateway, 'GET', link(emails[1].text))).status).toBe(200);
    // Confirm is offered only to accepted members: an invited one has no Confirm button.
    expect(members.text).not.toMatch(/\/confirm"/);
  });

  it('answers an unknown organization with a 404 page, never JSON or a stack trace', async () => {
    const browser = consoleBrowser(stack);
    await browser.signIn();
    for (const page of [
      `/admin/organizations/${crypto.randomUUID()}/scim`,
      '/admin/organizations/not-a-uuid/groups',
    ]) {
      const result = await browser.send('GET', page);
      expect(result.status).toBe(404);
      expect(result.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(result.text).toContain('Organization not found.');
    }
  });
});
