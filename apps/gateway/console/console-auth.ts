import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../clock';
import {
  CONSOLE_SESSION_COOKIE,
  CONSOLE_SESSION_LIFETIME_MS,
  ConsoleSessions,
  type ConsoleSession,
} from './console-session';
import { ConsoleUrls } from './console-urls';
import { formField } from './console-forms';

/** No valid session: the console filter sends the browser to the sign-in page. */
export class ConsoleSignInRequired extends Error {
  constructor() {
    super('Sign in to the admin console');
    this.name = 'ConsoleSignInRequired';
  }
}

/** A form post without this session's CSRF token, or from another origin: refused, nothing changes. */
export class ConsoleFormRejected extends Error {
  constructor(reason: 'csrf' | 'origin') {
    super(`Console form refused (${reason})`);
    this.name = 'ConsoleFormRejected';
  }
}

/** A request ConsoleSessionGuard let through: the CSRF token its pages put in their forms. */
type ConsoleRequest = FastifyRequest & { consoleCsrfToken?: string };

/** Reads and writes the console's session cookie; checks where a form post comes from. */
@Injectable()
export class ConsoleAuth {
  constructor(
    readonly sessions: ConsoleSessions,
    private readonly urls: ConsoleUrls,
    private readonly clock: Clock,
  ) {}

  sessionOf(request: FastifyRequest): ConsoleSession | null {
    const cookie = request.cookies?.[CONSOLE_SESSION_COOKIE];
    if (typeof cookie !== 'string') return null;
    const unsigned = request.unsignCookie(cookie);
    return unsigned.valid && unsigned.value !== null
      ? this.sessions.read(unsigned.value, this.clock.now())
      : null;
  }

  signIn(reply: FastifyReply): void {
    const { cookieValue } = this.sessions.open(this.clock.now());
    void reply.setCookie(CONSOLE_SESSION_COOKIE, cookieValue, {
      ...this.cookieOptions(),
      signed: true,
      maxAge: Math.floor(CONSOLE_SESSION_LIFETIME_MS / 1000),
    });
  }

  signOut(reply: FastifyReply): void {
    void reply.clearCookie(CONSOLE_SESSION_COOKIE, this.cookieOptions());
  }

  /**
   * Where a form post comes from, as browsers tell it: `Sec-Fetch-Site` when they send it, else
   * `Origin`. Another site (or an opaque `null` origin) is refused — a second line behind the CSRF
   * token and the SameSite cookie. Clients that send neither are not browsers and cannot be lured.
   */
  fromConsoleOrigin(request: FastifyRequest): boolean {
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string') return site === 'same-origin' || site === 'none';
    const origin = request.headers.origin;
    return origin === undefined || origin === this.urls.origin;
  }

  private cookieOptions() {
    return {
      path: this.urls.cookiePath,
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.urls.secureCookies,
    };
  }
}

/**
 * Every console page but sign-in: a valid session, and on a form post this session's CSRF token
 * from the console's own origin.
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(private readonly auth: ConsoleAuth) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const session = this.auth.sessionOf(request);
    if (!session) throw new ConsoleSignInRequired();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      if (!this.auth.fromConsoleOrigin(request)) throw new ConsoleFormRejected('origin');
      if (!this.auth.sessions.verifyCsrf(session, formField(request.body, '_csrf'))) {
        throw new ConsoleFormRejected('csrf');
      }
    }
    request.consoleCsrfToken = this.auth.sessions.csrfToken(session);
    return true;
  }
}

/** The CSRF token of the request's session (set by ConsoleSessionGuard), for the forms a page renders. */
export const CsrfToken = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const token = context.switchToHttp().getRequest<ConsoleRequest>().consoleCsrfToken;
  if (token === undefined) throw new ConsoleSignInRequired();
  return token;
});
