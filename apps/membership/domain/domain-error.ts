import { DomainErrorCode, type DomainErrorPayload } from '@roster/contracts';

/**
 * A rule membership refuses to break. Thrown by use cases, turned into the bus payload
 * `{ code, message, target }` by the one RPC exception filter; membership never knows HTTP.
 * `message` is shown to the IdP as is: plain words, no SQL, no secrets.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly target?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string, target?: string): DomainError {
    return new DomainError(DomainErrorCode.notFound, `${what} not found.`, target);
  }

  static uniqueness(target: string, message: string): DomainError {
    return new DomainError(DomainErrorCode.uniqueness, message, target);
  }

  static versionMismatch(expected: number, actual: number): DomainError {
    return new DomainError(
      DomainErrorCode.versionMismatch,
      `The resource has changed: expected version ${expected}, current version is ${actual}.`,
      'version',
    );
  }

  static invalid(target: string, message: string): DomainError {
    return new DomainError(DomainErrorCode.invalid, message, target);
  }

  static unavailable(message = 'The membership database is unavailable; try again later.'): DomainError {
    return new DomainError(DomainErrorCode.unavailable, message);
  }

  toPayload(): DomainErrorPayload {
    return this.target === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, target: this.target };
  }
}
