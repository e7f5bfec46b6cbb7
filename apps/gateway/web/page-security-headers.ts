/**
 * Headers of every invitation page (issue 5 §7). The token is in the accept URL, so no Referer may
 * carry it anywhere and no cache may keep the page; nothing may frame the Accept button; the only
 * resource a page loads is the gateway's own stylesheet and its only form posts back to the gateway.
 */
export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
});

/** The stylesheet is public and versioned by content: cacheable, never sniffed as anything but CSS. */
export const STYLESHEET_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/css; charset=utf-8',
  'cache-control': 'public, max-age=86400',
  'x-content-type-options': 'nosniff',
});

/**
 * The admin console's policy: as strict as the invitation pages', plus the console's own script
 * (`script-src 'self'`: the copy buttons; nothing inline, so an injected `<script>` cannot run).
 */
export const CONSOLE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
