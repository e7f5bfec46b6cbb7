import { escapeHtml, html, SafeHtml } from './html';

// Protects: every user-controlled string on a page is shown as text, never as markup (issue 5 §7).
describe('html', () => {
  it.each<[string, string, string]>([
    ['a script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['an attribute break-out', '" onfocus="alert(1)', '&quot; onfocus=&quot;alert(1)'],
    ['a single-quoted break-out', "' autofocus '", '&#39; autofocus &#39;'],
    ['a backtick', '`x`', '&#96;x&#96;'],
    ['an entity', 'Tom &amp; Jerry', 'Tom &amp;amp; Jerry'],
    ['plain text', 'Société Générale — 東京', 'Société Générale — 東京'],
  ])('escapes %s', (_case, input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
    expect(html`<p title="${input}">${input}</p>`.markup).toBe(`<p title="${expected}">${expected}</p>`);
  });

  it('keeps nested SafeHtml as markup and drops null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${null}${undefined}${false}${[inner, 'x']}</p>`).toEqual(
      new SafeHtml('<p><b>&lt;i&gt;</b><b>&lt;i&gt;</b>x</p>'),
    );
  });
});
