import { MemberStatus } from '@roster/contracts';
import { CLOSED_LINK_STATUS, InvitationPages, InvitationPageUrls } from './invitation-pages';
import type { RenderedPage } from '../web/send-page';

const pages = new InvitationPages(new InvitationPageUrls('https://roster.example.com/base'));
const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
const token = 'v1.eyJtIjoiYSJ9.c2ln';

const view = { organizationName: 'Acme', email: 'ada@example.com' };
const all: [string, RenderedPage][] = [
  ['accept', pages.accept(view, token)],
  ['accepted', pages.accepted({ ...view, status: MemberStatus.accepted })],
  ['confirmed', pages.accepted({ ...view, status: MemberStatus.confirmed })],
  ['closed link', pages.closedLink()],
  ['unavailable', pages.unavailable()],
  ['failed', pages.failed()],
];
const withHostileNames: [string, RenderedPage][] = [
  ['accept', pages.accept({ organizationName: hostile, email: 'ada@example.com' }, token)],
  ['accepted', pages.accepted({ organizationName: hostile, email: hostile, status: MemberStatus.accepted })],
  [
    'confirmed',
    pages.accepted({ organizationName: hostile, email: hostile, status: MemberStatus.confirmed }),
  ],
];

/** Every URL a page points at (links, form actions, stylesheets). */
const urls = (markup: string) => [...markup.matchAll(/\b(?:href|action|src)="([^"]*)"/g)].map((m) => m[1]);

// Protects: the invitation pages run no script, carry no inline style, escape every user string and
// link only to PUBLIC_URL (issue 5 §1, §7); accepting works as a plain HTML form (no JavaScript).
describe('InvitationPages', () => {
  it.each(all)('%s: no script, no inline style or handler, links only under PUBLIC_URL', (_name, page) => {
    expect(page.html).not.toMatch(/<script|<style|\sstyle=|\son\w+=|javascript:/i);
    expect(page.html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const url of urls(page.html)) expect(url.startsWith('https://roster.example.com/base/')).toBe(true);
  });

  it.each(withHostileNames)('%s: shows a hostile organization name as text', (_name, page) => {
    expect(page.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x');
    expect(page.html).not.toMatch(/<img|<script/);
  });

  it('shows the organization and address, and posts the token back in a hidden field', () => {
    const page = pages.accept({ organizationName: 'Acme', email: 'ada@example.com' }, token);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Join Acme');
    expect(page.html).toContain('ada@example.com');
    expect(page.html).toMatch(
      /<form method="post" action="https:\/\/roster\.example\.com\/base\/invitations\/accept">\s*<input type="hidden" name="token" value="v1\.eyJtIjoiYSJ9\.c2ln"\s*\/?>\s*<button type="submit">/,
    );
  });

  it('says an admin will confirm after accepting, or that access is granted under auto-confirm', () => {
    const view = { organizationName: 'Acme', email: 'ada@example.com' };
    expect(pages.accepted({ ...view, status: MemberStatus.accepted }).html).toMatch(
      /administrator.*will now confirm/s,
    );
    expect(pages.accepted({ ...view, status: MemberStatus.confirmed }).html).toContain('you now have access');
  });

  it('asks to have the invitation resent on a dead link, with its own status', () => {
    const page = pages.closedLink();
    expect(page.status).toBe(CLOSED_LINK_STATUS);
    expect(page.html).toContain('Ask an administrator of the organization to send you the invitation again');
  });
});
