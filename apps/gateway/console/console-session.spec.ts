import { ConsoleSessions } from './console-session';

const now = Date.parse('2026-12-07T12:00:00Z');

// Protects: a console session is stateless yet unforgeable without ADMIN_TOKEN, ends on time, and
// forms of one session cannot be replayed in another (issue 5 §4).
describe('ConsoleSessions', () => {
  const sessions = new ConsoleSessions('a'.repeat(40), 60_000);

  it('reads back the session it opened, until it expires', () => {
    const { session, cookieValue } = sessions.open(now);
    expect(sessions.read(cookieValue, now + 59_999)).toEqual(session);
    expect(sessions.read(cookieValue, now + 60_000)).toBeNull();
  });

  it.each([
    '',
    'x',
    'abc.def',
    `${'a'.repeat(24)}.`,
    `${'a'.repeat(24)}.1.2`,
    `${'a'.repeat(23)}.99999999999999`,
  ])('refuses the malformed cookie value %j', (value) => expect(sessions.read(value, now)).toBeNull());

  it('accepts only the CSRF token of the same session', () => {
    const first = sessions.open(now).session;
    const second = sessions.open(now).session;
    expect(sessions.verifyCsrf(first, sessions.csrfToken(first))).toBe(true);
    expect(sessions.verifyCsrf(first, sessions.csrfToken(second))).toBe(false);
    expect(sessions.verifyCsrf(first, undefined)).toBe(false);
    expect(sessions.verifyCsrf(first, ['x'])).toBe(false);
    expect(sessions.verifyCsrf(first, sessions.csrfToken(first).slice(1))).toBe(false);
  });

  it('derives different keys from different admin tokens', () => {
    const other = new ConsoleSessions('b'.repeat(40), 60_000);
    const session = sessions.open(now).session;
    expect(other.verifyCsrf(session, sessions.csrfToken(session))).toBe(false);
    expect(other.cookieSecret.equals(sessions.cookieSecret)).toBe(false);
  });
});
