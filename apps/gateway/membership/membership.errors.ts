import type { DomainErrorCode } from '@roster/contracts';

/**
 * Membership cannot be reached: no responder on the subject, no answer within the RPC timeout, or
 * no NATS connection. Clients get 503 with Retry-After, never 401 or 404 (SPEC §2).
 */
export class MembershipUnavailableError extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: 'no_responder' | 'timeout' | 'connection',
    options?: { cause?: unknown },
  ) {
    super(`Membership did not answer ${pattern} (${reason})`, options);
    this.name = 'MembershipUnavailableError';
  }
}

/** Membership answered with a domain error (`{ code, message, target }`, DESIGN §3). */
export class MembershipDomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly target?: string,
  ) {
    super(message);
    this.name = 'MembershipDomainError';
  }
}

/**
 * Membership answered with an error that is not a domain error (an unexpected failure on its side):
 * a server fault, answered 500 and logged; never retried.
 */
export class MembershipFaultError extends Error {
  constructor(
    readonly pattern: string,
    readonly reply: unknown,
  ) {
    super(`Membership failed on ${pattern}`);
    this.name = 'MembershipFaultError';
  }
}
