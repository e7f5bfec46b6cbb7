import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a console sign-in lasts; signing in again starts a new one. */
export const CONSOLE_SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

/** The console's session cookie (HttpOnly, SameSite, signed; its value names no secret). */
export const CONSOLE_SESSION_COOKIE = 'roster_console';

/** A signed-in admin: a random id (what CSRF tokens are bound to) and when the sign-in ends. */
export interface ConsoleSession {
  id: string;
  expiresAt: number;
}

/**
 * Console sessions without server state, so that any gateway replica serves any request: the cookie
 * holds `<id>.<expiresAt>`, signed with a key derived from ADMIN_TOKEN (rotating the token signs
 * everyone out). Each form carries an HMAC of the session id (the synchronizer-token pattern of
 * OWASP's CSRF cheat sheet), which a cross-site page can neither read nor compute.
 */
export class ConsoleSessions {
  /** Signs the cookie (given to @fastify/cookie). */
  readonly cookieSecret: Buffer;
  private readonly csrfKey: Buffer;

  constructor(
    adminToken: string,
    private readonly lifetimeMs = CONSOLE_SESSION_LIFETIME_MS,
  ) {
    this.cookieSecret = derive(adminToken, 'console-session-cookie');
    this.csrfKey = derive(adminToken, 'console-csrf');
  }

  /** A new session and the cookie value that carries it (before signing). */
  open(now: number): { session: ConsoleSession; cookieValue: string } {
    const session = { id: randomBytes(18).toString('base64url'), expiresAt: now + this.lifetimeMs };
    return { session, cookieValue: `${session.id}.${session.expiresAt}` };
  }

  /** The session a verified cookie value names, or null when it is malformed or has ended. */
  read(cookieValue: string, now: number): ConsoleSession | null {
    const match = /^([A-Za-z0-9_-]{24})\.(\d{1,15})$/.exec(cookieValue);
    if (!match) return null;
    const expiresAt = Number(match[2]);
    return expiresAt > now ? { id: match[1], expiresAt } : null;
  }

  /** The token every console form of this session posts back. */
  csrfToken(session: ConsoleSession): string {
    return createHmac('sha256', this.csrfKey).update(session.id).digest('base64url');
  }

  verifyCsrf(session: ConsoleSession, token: unknown): boolean {
    if (typeof token !== 'string') return false;
    const expected = Buffer.from(this.csrfToken(session));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function derive(secret: string, purpose: string): Buffer {
  return createHash('sha256').update(`roster:${purpose}\0${secret}`, 'utf8').digest();
}
