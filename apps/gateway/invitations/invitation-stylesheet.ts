import { createHash } from 'node:crypto';

/**
 * The invitation pages' only styling, served by the gateway (CSP `style-src 'self'`: no inline
 * style). Plain system fonts, readable at any size, light and dark.
 */
export const INVITATION_STYLESHEET = `
:root {
  color-scheme: light dark;
  --background: #f4f4f5;
  --card: #ffffff;
  --text: #18181b;
  --muted: #52525b;
  --border: #e4e4e7;
  --accent: #1d4ed8;
  --accent-text: #ffffff;
  --focus: #93c5fd;
}
@media (prefers-color-scheme: dark) {
  :root {
    --background: #18181b;
    --card: #27272a;
    --text: #f4f4f5;
    --muted: #a1a1aa;
    --border: #3f3f46;
    --accent: #3b82f6;
    --focus: #1d4ed8;
  }
}
* { box-sizing: border-box; }
html { font-size: 100%; }
body {
  margin: 0;
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  align-items: center;
  justify-content: center;
  padding: 2rem 1rem;
  background: var(--background);
  color: var(--text);
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.55;
}
main {
  width: 100%;
  max-width: 32rem;
  padding: 2rem;
  background: var(--card);
  border: 1px solid var(--border);
  border-radius: 0.75rem;
  box-shadow: 0 1px 3px rgb(0 0 0 / 0.08);
}
.eyebrow {
  margin: 0 0 0.25rem;
  color: var(--muted);
  font-size: 0.8125rem;
  font-weight: 600;
  letter-spacing: 0.04em;
  text-transform: uppercase;
}
h1 { margin: 0 0 1rem; font-size: 1.5rem; line-height: 1.25; overflow-wrap: anywhere; }
p { margin: 0 0 1rem; }
strong, .address { overflow-wrap: anywhere; }
.address {
  padding: 0.625rem 0.875rem;
  background: var(--background);
  border-radius: 0.5rem;
  font-weight: 600;
}
.note { color: var(--muted); font-size: 0.875rem; }
.note:last-child { margin-bottom: 0; }
form { margin: 1.5rem 0; }
button {
  width: 100%;
  padding: 0.75rem 1.25rem;
  border: 0;
  border-radius: 0.5rem;
  background: var(--accent);
  color: var(--accent-text);
  font: inherit;
  font-weight: 600;
  cursor: pointer;
}
button:hover { filter: brightness(1.08); }
button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
footer { margin-top: 1.5rem; color: var(--muted); font-size: 0.8125rem; }
`;

/** Changes with the stylesheet, so browsers may cache it for long and still never use a stale one. */
export const INVITATION_STYLESHEET_VERSION = createHash('sha256')
  .update(INVITATION_STYLESHEET)
  .digest('hex')
  .slice(0, 12);
