import { MAIL_KINDS, type MailKind } from '@roster/contracts';
import { MailRenderer, type MailContent } from './mail-renderer';
import { readMailTemplates } from './mail-template-files';

const renderer = MailRenderer.compile(readMailTemplates());
const acceptUrl = 'https://roster.example.com/invitations/accept?token=v1.abc.def';

function content(kind: MailKind, overrides: Partial<MailContent> = {}): MailContent {
  return {
    kind,
    organizationName: 'Acme Corporation',
    recipientName: 'Alice Martin',
    recipientAddress: 'alice@example.com',
    ...(kind === 'invitation' ? { acceptUrl, expiresAt: new Date('2030-03-06T10:00:00Z') } : {}),
    ...(kind === 'acceptedAdminNotice' ? adminNotice : {}),
    ...(kind === 'userNameChanged' ? { userNameChange: { from: 'amartin', to: 'alice_martin' } } : {}),
    ...overrides,
  };
}

const adminNotice = {
  recipientName: null,
  acceptedMember: { displayName: 'Alice Martin', userName: 'amartin' },
  adminConsoleUrl: 'https://roster.example.com/admin',
};

/** Every href in an HTML part. */
const links = (html: string) => [...html.matchAll(/href\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);

describe('MailRenderer', () => {
  it.each<[MailKind, RegExp]>([
    ['invitation', /^You are invited to join Acme Corporation$/],
    ['revocation', /^Your access to Acme Corporation was revoked$/],
    ['restored', /^Your access to Acme Corporation was restored$/],
    ['removal', /^You were removed from Acme Corporation$/],
    ['confirmed', /^You now have access to Acme Corporation$/],
    ['acceptedAdminNotice', /^Alice Martin accepted the invitation to Acme Corporation$/],
    ['emailChanged', /^Your email address at Acme Corporation was changed$/],
    ['userNameChanged', /^Your username at Acme Corporation was changed$/],
  ])('renders a %s with subject, HTML and text naming the organization', (kind, subject) => {
    const mail = renderer.render(content(kind));
    expect(mail.subject).toMatch(subject);
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain('Acme Corporation');
      expect(part).toContain('Alice Martin');
      expect(part).toContain('alice@example.com');
    }
  });

  it('puts the accept link and the expiry in both parts of an invitation', () => {
    const mail = renderer.render(content('invitation'));
    expect(links(mail.html)).toEqual([acceptUrl.replace('=', '&#x3D;')]);
    expect(mail.text).toContain(acceptUrl);
    expect(mail.text).toContain('6 March 2030 at 10:00 UTC');
    expect(mail.html).toContain('6 March 2030 at 10:00 UTC');
  });

  it.each(MAIL_KINDS)('has no tracking: no images, scripts or external resources (%s)', (kind) => {
    const { html } = renderer.render(content(kind));
    expect(html).not.toMatch(/<img|<script|<link|<iframe|url\(|src\s*=/i);
    expect(links(html).every((href) => href.startsWith('https://roster.example.com/'))).toBe(true);
  });

  it('greets without a name when the member has none', () => {
    const mail = renderer.render(content('removal', { recipientName: null }));
    expect(mail.text.startsWith('Hello,')).toBe(true);
  });

  const hostile: [string, string][] = [
    ['a header injection', 'Acme\r\nBcc: victim@evil.example'],
    ['a URL', 'Acme – visit https://evil.example/login'],
    ['a www host', 'Acme www.evil.example'],
    ['markup', '<a href="https://evil.example">Acme</a><img src=x onerror=alert(1)>'],
    ['a Handlebars expression', '{{acceptUrl}} {{#each this}}x{{/each}}'],
  ];

  it.each(hostile)('keeps %s in the organization name inert in the subject', (_case, name) => {
    const { subject } = renderer.render(content('invitation', { organizationName: name }));
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).not.toMatch(/https?:\/\/|www\.|evil\.example/i);
  });

  it.each(hostile)('keeps %s in a name from adding links or markup to the HTML part', (_case, name) => {
    const { html } = renderer.render(content('invitation', { organizationName: name, recipientName: name }));
    expect(links(html)).toEqual([acceptUrl.replace('=', '&#x3D;')]);
    expect(html).not.toMatch(/<img|<a href="https:\/\/evil|onerror=/i);
    expect(html).not.toMatch(/https?:\/\/evil|www\.evil|evil\.example/i);
  });

  it.each(hostile)('keeps %s in a name from adding lines or links to the text part', (_case, name) => {
    const { text } = renderer.render(content('revocation', { organizationName: name, recipientName: name }));
    expect(text).not.toMatch(/^Bcc:/m);
    expect(text).not.toMatch(/https?:\/\/|www\.evil|evil\.example/i);
  });

  it('shows a Handlebars expression in a name literally instead of evaluating it', () => {
    const name = '{{acceptUrl}} {{#each this}}x{{/each}}';
    const mail = renderer.render(content('invitation', { organizationName: name }));
    expect(mail.text).toContain(`${name} invited`);
    expect(mail.subject).toBe(`You are invited to join ${name}`);
  });

  it('escapes HTML in names but shows them literally in the text part', () => {
    const mail = renderer.render(content('restored', { organizationName: 'Tom & Jerry <Ltd>' }));
    expect(mail.html).toContain('Tom &amp; Jerry &lt;Ltd&gt;');
    expect(mail.text).toContain('Tom & Jerry <Ltd>');
    expect(mail.subject).toBe('Your access to Tom & Jerry <Ltd> was restored');
  });

  // Protects: the admin notice names who accepted and links only to the admin console (SPEC §7).
  it('tells admins who accepted, with the admin console as the only link', () => {
    const mail = renderer.render(content('acceptedAdminNotice'));
    expect(links(mail.html)).toEqual(['https://roster.example.com/admin']);
    expect(mail.text).toContain('Alice Martin (amartin) accepted the invitation to join Acme Corporation');
    expect(mail.text).toContain('https://roster.example.com/admin');
    expect(mail.text.startsWith('Hello,')).toBe(true);
  });

  it.each(hostile)('keeps %s in the accepted member name inert in an admin notice', (_case, name) => {
    const mail = renderer.render(
      content('acceptedAdminNotice', { acceptedMember: { displayName: name, userName: name } }),
    );
    expect(mail.subject).not.toMatch(/[\r\n]|https?:\/\/|www\.|evil\.example/i);
    expect(links(mail.html)).toEqual(['https://roster.example.com/admin']);
    expect(mail.html).not.toMatch(/<img|<a href="https:\/\/evil|onerror=/i);
    expect(mail.text).not.toMatch(/^Bcc:/m);
    expect(mail.text).not.toMatch(/https?:\/\/evil|www\.evil|evil\.example/i);
  });

  it('refuses an admin notice without the member or the console link', () => {
    expect(() => renderer.render(content('acceptedAdminNotice', { adminConsoleUrl: undefined }))).toThrow(
      /admin console/,
    );
    expect(() => renderer.render(content('acceptedAdminNotice', { acceptedMember: undefined }))).toThrow(
      /admin console/,
    );
  });

  // Protects SPEC §4: a userName change notice says what it was and what it is now, in both parts.
  it('names the previous and the new username in a username change notice', () => {
    const mail = renderer.render(content('userNameChanged'));
    expect(mail.text).toContain('from amartin to alice_martin.');
    expect(mail.html).toContain('from <strong>amartin</strong> to <strong>alice_martin</strong>.');
    expect(() => renderer.render(content('userNameChanged', { userNameChange: undefined }))).toThrow(
      /previous and the new username/,
    );
  });

  it('defangs a username that is a host name or an address (an Entra UPN), so it is no link', () => {
    const mail = renderer.render(
      content('userNameChanged', { userNameChange: { from: 'a@contoso.com', to: 'www.bob.example' } }),
    );
    expect(mail.text).toContain('from a@contoso[.]com to www[.]bob[.]example.');
  });

  it('mentions a username change in the address change notice only when there was one', () => {
    const plain = renderer.render(content('emailChanged'));
    expect(plain.text).not.toContain('username');
    expect(plain.text).toContain('(alice@example.com).\n\nIf you did not expect');
    const both = renderer.render(
      content('emailChanged', { userNameChange: { from: 'amartin', to: 'alice_martin' } }),
    );
    expect(both.text).toContain('\n\nYour username was changed too, from amartin to alice_martin.\n\nIf you');
    expect(both.html).toContain('from <strong>amartin</strong> to <strong>alice_martin</strong>');
  });

  it.each(hostile)('keeps %s in a username inert in a username change notice', (_case, name) => {
    const mail = renderer.render(content('userNameChanged', { userNameChange: { from: name, to: name } }));
    expect(links(mail.html)).toEqual([]);
    expect(mail.html).not.toMatch(/<img|<a href|onerror=/i);
    expect(mail.html).not.toMatch(/https?:\/\/evil|www\.evil|evil\.example/i);
    expect(mail.text).not.toMatch(/^Bcc:/m);
    expect(mail.text).not.toMatch(/https?:\/\/evil|www\.evil|evil\.example/i);
    expect(mail.subject).toBe('Your username at Acme Corporation was changed');
  });

  it('refuses an invitation without its link', () => {
    expect(() => renderer.render(content('invitation', { acceptUrl: undefined }))).toThrow(/accept link/);
  });

  it('refuses to start without a template of every kind', () => {
    const sources = readMailTemplates();
    const { removal: _removal, ...partial } = sources.kinds;
    expect(() => MailRenderer.compile({ ...sources, kinds: partial as typeof sources.kinds })).toThrow(
      /removal/,
    );
  });
});
