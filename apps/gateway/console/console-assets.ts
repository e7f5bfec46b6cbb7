import { createHash } from 'node:crypto';

/**
 * The console's stylesheet (CSP `style-src 'self'`: no inline style). System fonts, a readable
 * measure, tables that scroll sideways on small screens, visible focus, light and dark.
 */
export const CONSOLE_STYLESHEET = `
:root {
  color-scheme: light dark;
  --background: #f4f4f5;
  --surface: #ffffff;
  --text: #18181b;
  --muted: #52525b;
  --border: #e4e4e7;
  --accent: #1d4ed8;
  --accent-text: #ffffff;
  --focus: #93c5fd;
  --danger: #b91c1c;
  --warning-bg: #fef3c7;
  --warning-text: #78350f;
  --ok-bg: #dcfce7;
  --ok-text: #14532d;
  --info-bg: #dbeafe;
  --info-text: #1e3a8a;
  --bad-bg: #fee2e2;
  --bad-text: #7f1d1d;
  --neutral-bg: #e4e4e7;
  --neutral-text: #27272a;
}
@media (prefers-color-scheme: dark) {
  :root {
    --background: #18181b;
    --surface: #222226;
    --text: #f4f4f5;
    --muted: #a1a1aa;
    --border: #3f3f46;
    --accent: #3b82f6;
    --focus: #1d4ed8;
    --danger: #f87171;
    --warning-bg: #422006;
    --warning-text: #fde68a;
    --ok-bg: #052e16;
    --ok-text: #bbf7d0;
    --info-bg: #172554;
    --info-text: #bfdbfe;
    --bad-bg: #450a0a;
    --bad-text: #fecaca;
    --neutral-bg: #3f3f46;
    --neutral-text: #e4e4e7;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0;
  background: var(--background);
  color: var(--text);
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  font-size: 0.9375rem;
  line-height: 1.55;
}
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
}
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 0.5rem; z-index: 1; background: var(--surface); padding: 0.5rem; }
.topbar {
  display: flex;
  align-items: center;
  justify-content: space-between;
  gap: 1rem;
  padding: 0.75rem 1.5rem;
  background: var(--surface);
  border-bottom: 1px solid var(--border);
}
.brand { color: var(--text); font-weight: 700; font-size: 1.0625rem; text-decoration: none; }
.brand span { color: var(--muted); font-weight: 500; }
.topbar form { margin: 0; }
.layout { display: flex; gap: 2rem; max-width: 76rem; margin: 0 auto; padding: 1.5rem; }
.sidebar { flex: 0 0 13rem; }
.sidebar h2 {
  margin: 0 0 0.5rem;
  font-size: 0.8125rem;
  color: var(--muted);
  text-transform: uppercase;
  letter-spacing: 0.04em;
  overflow-wrap: anywhere;
}
.sidebar ul { list-style: none; margin: 0 0 1.5rem; padding: 0; }
.sidebar a {
  display: block;
  padding: 0.4rem 0.75rem;
  border-radius: 0.375rem;
  color: var(--text);
  text-decoration: none;
}
.sidebar a:hover { background: var(--neutral-bg); }
.sidebar a[aria-current="page"] { background: var(--accent); color: var(--accent-text); font-weight: 600; }
main { flex: 1; min-width: 0; }
.narrow { max-width: 26rem; margin: 4rem auto; padding: 0 1rem; }
h1 { margin: 0 0 0.25rem; font-size: 1.5rem; line-height: 1.25; overflow-wrap: anywhere; }
h2 { margin: 2rem 0 0.75rem; font-size: 1.125rem; }
.lead { margin: 0 0 1.5rem; color: var(--muted); }
.card {
  padding: 1.5rem;
  margin-bottom: 1.5rem;
  background: var(--surface);
  border: 1px solid var(--border);
  border-radius: 0.75rem;
}
.card > :first-child { margin-top: 0; }
.card > :last-child { margin-bottom: 0; }
.field { margin: 0 0 1.25rem; }
.field label, .label { display: block; margin-bottom: 0.375rem; font-weight: 600; }
.hint { margin: 0.25rem 0 0; color: var(--muted); font-size: 0.875rem; }
.checkbox { display: flex; gap: 0.625rem; align-items: flex-start; margin: 0 0 1.25rem; }
.checkbox input { margin-top: 0.3rem; width: 1rem; height: 1rem; }
.checkbox label { font-weight: 600; }
input[type="text"], input[type="password"], input[type="email"], input[type="number"], select, textarea {
  width: 100%;
  padding: 0.5rem 0.75rem;
  border: 1px solid var(--border);
  border-radius: 0.5rem;
  background: var(--background);
  color: var(--text);
  font: inherit;
}
textarea { min-height: 5rem; }
.copyable { display: flex; gap: 0.5rem; }
.copyable input { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.875rem; }
button, .button {
  display: inline-block;
  padding: 0.5rem 1rem;
  border: 1px solid transparent;
  border-radius: 0.5rem;
  background: var(--accent);
  color: var(--accent-text);
  font: inherit;
  font-weight: 600;
  text-decoration: none;
  cursor: pointer;
  white-space: nowrap;
}
button:hover, .button:hover { filter: brightness(1.08); }
button.secondary { background: var(--surface); color: var(--text); border-color: var(--border); }
button.danger { background: var(--surface); color: var(--danger); border-color: var(--border); }
button.small { padding: 0.25rem 0.625rem; font-size: 0.8125rem; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.actions form { margin: 0; }
.inline { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; }
.inline .field { margin: 0; flex: 1 1 12rem; }
.callout { padding: 0.75rem 1rem; border-radius: 0.5rem; margin: 0 0 1.25rem; }
.callout.warning { background: var(--warning-bg); color: var(--warning-text); }
.callout.success { background: var(--ok-bg); color: var(--ok-text); }
.callout.error { background: var(--bad-bg); color: var(--bad-text); }
.table-wrap { overflow-x: auto; background: var(--surface); border: 1px solid var(--border); border-radius: 0.75rem; }
table { width: 100%; border-collapse: collapse; }
caption { text-align: left; padding: 0.75rem 1rem; color: var(--muted); }
th, td { padding: 0.625rem 1rem; text-align: left; vertical-align: top; border-top: 1px solid var(--border); }
thead th {
  border-top: 0;
  color: var(--muted);
  font-size: 0.8125rem;
  font-weight: 600;
  text-transform: uppercase;
  letter-spacing: 0.03em;
}
td { overflow-wrap: break-word; }
td.nowrap, time { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.8125rem; }
.muted { color: var(--muted); }
.badge {
  display: inline-block;
  padding: 0.0625rem 0.5rem;
  border-radius: 999px;
  font-size: 0.8125rem;
  font-weight: 600;
  white-space: nowrap;
}
.badge.ok { background: var(--ok-bg); color: var(--ok-text); }
.badge.info { background: var(--info-bg); color: var(--info-text); }
.badge.warn { background: var(--warning-bg); color: var(--warning-text); }
.badge.bad { background: var(--bad-bg); color: var(--bad-text); }
.badge.neutral { background: var(--neutral-bg); color: var(--neutral-text); }
.filters { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.filters a { padding: 0.25rem 0.75rem; border: 1px solid var(--border); border-radius: 999px; text-decoration: none; color: var(--text); }
.filters a[aria-current="page"] { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
.pager { margin: 1rem 0; }
details summary { cursor: pointer; color: var(--accent); }
.empty { padding: 2rem 1rem; text-align: center; color: var(--muted); }
footer { max-width: 76rem; margin: 0 auto; padding: 1rem 1.5rem 2rem; color: var(--muted); font-size: 0.8125rem; }
@media (max-width: 48rem) {
  .layout { flex-direction: column; padding: 1rem; }
  .sidebar { flex: none; }
}
`;

/**
 * The console's only script, progressive enhancement: copy buttons (hidden until this runs, since
 * without it the field can still be selected and copied by hand) and a confirmation before
 * destructive forms. Pages work without it.
 */
export const CONSOLE_SCRIPT = `'use strict';
document.querySelectorAll('button[data-copy]').forEach(function (button) {
  var field = document.getElementById(button.getAttribute('data-copy'));
  if (!field) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    var done = function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
    } else {
      field.select();
      if (document.execCommand('copy')) done();
    }
  });
});
document.querySelectorAll('form[data-confirm]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
  });
});
`;

function versionOf(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 12);
}

export const CONSOLE_STYLESHEET_VERSION = versionOf(CONSOLE_STYLESHEET);
export const CONSOLE_SCRIPT_VERSION = versionOf(CONSOLE_SCRIPT);
