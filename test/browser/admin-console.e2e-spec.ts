import { newUser, startTestStack, type TestStack } from '@roster/testing';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where this test leaves a screenshot of every page it visits (git-ignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', 'var', 'screenshots', 'admin-console');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags this machine needs (no sandbox as root, no network beyond loopback). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ACCEPT_LINK = /(http:\/\/127\.0\.0\.1:\d+\/invitations\/accept\?token=[A-Za-z0-9_.%-]+)/;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Protects issue 5 §4, §6 and §7 in a real browser (Debian's Chromium): an admin signs in, creates an
// organization, enables SCIM and copies a key from the page; an IdP provisions a user with that key;
// the person accepts from the emailed link; the admin confirms and sees Confirmed. No page logs a
// script error or a CSP violation, and a bad invitation link gets the one closed-link page.
describe('the admin console and the accept page in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let base: string;
  const problems: string[] = [];

  const shot = (name: string, target: Page = page) =>
    target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const watch = (target: Page) => {
    target.on('console', (message) => {
      // A page's own 401/404 status is reported as a failed load of the document: not a problem.
      const documentStatus =
        message.location().url === target.url() && /^Failed to load resource/.test(message.text());
      if (message.type() === 'error' && !documentStatus) problems.push(`${target.url()}: ${message.text()}`);
    });
    target.on('pageerror', (error) => problems.push(`${target.url()}: ${error.message}`));
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    stack = await startTestStack({ PUBLIC_URL: base });
    await stack.gateway.listen(port, '127.0.0.1');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    admin = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await admin.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await admin.newPage();
    watch(page);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('takes an admin from sign-in to a confirmed member, with a key copied from the page', async () => {
    await page.goto(`${base}/admin`);
    await page.getByRole('heading', { name: 'Sign in to Roster' }).waitFor();
    await shot('01-sign-in');
    await page.getByLabel('Admin token').fill('not-the-admin-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That admin token is not valid').waitFor();
    await page.getByLabel('Admin token').fill(stack.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await page.getByLabel('Name').fill('Acme Corporation');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: 'SCIM provisioning' }).waitFor();
    await page.getByLabel('Enable SCIM').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your changes were saved.').waitFor();
    expect(await page.getByLabel('Enable SCIM').isChecked()).toBe(true);
    const scimUrl = await page.getByLabel('SCIM URL').inputValue();
    expect(scimUrl).toMatch(new RegExp(`^${base}/scim/v2/[0-9a-f-]{36}$`));

    await page.getByRole('button', { name: 'Issue API key' }).click();
    await page.getByText('Copy it now').waitFor();
    const keyField = page.locator('.copyable').filter({ has: page.getByLabel('SCIM API key') });
    await keyField.getByRole('button', { name: 'Copy' }).click();
    await keyField.getByRole('button', { name: 'Copied' }).waitFor();
    // What the Copy button put on the clipboard (evaluated in the page: this project has no DOM types).
    const key = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(key).toMatch(/^roster_scim_[A-Za-z0-9]{40,}$/);
    expect(await page.getByLabel('SCIM API key').inputValue()).toBe(key);
    await page
      .getByText(
        'This API key has access to manage users within your organization. It should be kept secret.',
      )
      .waitFor();
    await shot('02-scim-provisioning');

    // The IdP: the SCIM URL and key exactly as copied from the page.
    const created = await fetch(`${scimUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(
        newUser('ada@acme.example', { name: { givenName: 'Ada', familyName: 'Lovelace' } }),
      ),
    });
    expect(created.status).toBe(201);

    const invitation = await stack.sink.waitFor((message) => message.to.includes('ada@acme.example'));
    const link = ACCEPT_LINK.exec(invitation.text)?.[1];
    expect(link).toBeDefined();
    const person = await (await browser.newContext()).newPage();
    watch(person);
    await person.goto(link!);
    await person.getByText('ada@acme.example').waitFor();
    await shot('03-accept-invitation', person);
    await person.getByRole('button', { name: 'Accept invitation' }).click();
    await person.getByRole('heading', { name: 'Thank you — an administrator will confirm you' }).waitFor();
    await shot('04-accepted', person);

    await page.getByRole('link', { name: 'Members' }).click();
    const row = page.getByRole('row').filter({ hasText: 'ada@acme.example' });
    await row.getByText('Accepted', { exact: true }).waitFor();
    await shot('05-members-accepted');
    await row.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('The member was confirmed').waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: 'ada@acme.example' })
      .getByText('Confirmed', { exact: true })
      .waitFor();
    await shot('06-members-confirmed');
    await stack.sink.waitFor(
      (message) => message.to.includes('ada@acme.example') && /access/i.test(message.subject),
    );

    for (const [name, heading] of [
      ['Groups', 'Groups'],
      ['Provisioning log', 'Provisioning log'],
      ['Mail deliveries', 'Mail deliveries'],
      ['Settings', 'Settings'],
    ] as const) {
      await page.getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await shot(`07-${name.toLowerCase().replace(/ /g, '-')}`);
    }
    await page.getByRole('link', { name: 'Provisioning log' }).click();
    await page.getByRole('row').filter({ hasText: '/Users' }).first().waitFor();
    expect(problems).toEqual([]);
  });

  it('shows the one closed-link page for a bad invitation token, without a script error', async () => {
    const person = await (await browser.newContext()).newPage();
    watch(person);
    const response = await person.goto(`${base}/invitations/accept?token=v1.tampered.token`);
    expect(response?.status()).toBe(404);
    await person.getByRole('heading', { name: 'This invitation link no longer works' }).waitFor();
    await person
      .getByText('Ask an administrator of the organization to send you the invitation again')
      .waitFor();
    await shot('08-invitation-link-closed', person);
    expect(problems).toEqual([]);
  });
});
