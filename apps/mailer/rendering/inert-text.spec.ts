import { inertText, isPlainAddress, singleLine } from './inert-text';

describe('inertText', () => {
  it.each<[string, string, string]>([
    ['a plain name', 'Acme Corporation', 'Acme Corporation'],
    ['accents and scripts', 'Société Générale — 東京', 'Société Générale — 東京'],
    ['CRLF header injection', 'Acme\r\nBcc: x@evil', 'Acme Bcc: x@evil'],
    ['a bare LF', 'Acme\nX-Spam: no', 'Acme X-Spam: no'],
    ['NUL and other C0 controls', 'Ac\u0000me\u0007\u001b[31m', 'Ac me [31m'],
    ['C1 controls and NEL', 'Acme\u0085Bcc', 'Acme Bcc'],
    ['Unicode line and paragraph separators', 'Acme\u2028Bcc\u2029x', 'Acme Bcc x'],
    ['bidirectional overrides', 'Acme \u202egnp.exe', 'Acme gnp[.]exe'],
    ['tabs and runs of spaces', '  Acme \t  Corp  ', 'Acme Corp'],
    ['an https URL', 'visit https://evil.example/login', 'visit https[:]//evil[.]example/login'],
    ['an upper-case scheme', 'HTTP://EVIL.EXAMPLE', 'HTTP[:]//EVIL[.]EXAMPLE'],
    ['a www host', 'www.evil.example', 'www[.]evil[.]example'],
    ['a bare domain', 'Acme.io', 'Acme[.]io'],
    ['an email address in a name', 'write to help@evil.example', 'write to help@evil[.]example'],
    ['an ideographic full stop', 'evil\u3002example', 'evil[.]example'],
    ['a full-width full stop', 'evil\uff0eexample', 'evil[.]example'],
    ['initials are left alone', 'J. R. R. Tolkien', 'J. R. R. Tolkien'],
    ['version numbers are left alone', 'Team v2.1', 'Team v2.1'],
    ['a trailing dot is left alone', 'Acme Inc.', 'Acme Inc.'],
    ['HTML is left to the HTML escaper', '<b>Acme</b> & "Co"', '<b>Acme</b> & "Co"'],
    ['Handlebars syntax stays literal text', '{{organizationName}}', '{{organizationName}}'],
  ])('%s', (_case, input, expected) => {
    expect(inertText(input)).toBe(expected);
  });

  it('maps null and undefined to an empty string', () => {
    expect(inertText(null)).toBe('');
    expect(inertText(undefined)).toBe('');
  });

  it('cuts long values on a character boundary', () => {
    const long = '😀'.repeat(300);
    const cut = inertText(long, 10);
    expect(Array.from(cut)).toHaveLength(10);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('is idempotent', () => {
    const once = inertText('see https://evil.example or www.x.com\r\n');
    expect(inertText(once)).toBe(once);
  });
});

describe('singleLine', () => {
  it('flattens but does not defang', () => {
    expect(singleLine('alice@example.com\r\nBcc: x')).toBe('alice@example.com Bcc: x');
  });
});

describe('isPlainAddress', () => {
  it.each([
    ['alice@example.com', true],
    ['alice.o+tag@mail.example.co.uk', true],
    ['jürgen@bücher.example', true],
    ['alice@localhost', false],
    ['Alice <alice@example.com>', false],
    ['alice@example.com, bob@example.com', false],
    ['alice@example.com,bob@example.com', false],
    ['alice@example.com\r\nBcc: x@evil.example', false],
    ['"alice"@example.com', false],
    ['alice@example.com (comment)', false],
    ['alice@@example.com', false],
    ['https://evil.example@example.com', false],
    ['', false],
  ])('%s → %s', (address, expected) => {
    expect(isPlainAddress(address)).toBe(expected);
  });
});
