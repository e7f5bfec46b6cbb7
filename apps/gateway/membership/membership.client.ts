import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
// Not re-exported by the package index; the NATS client throws this very class (DESIGN §10.7).
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { PrefixedNatsClient, natsSettings } from '@roster/config';
import { isDomainErrorPayload, type MembershipPattern } from '@roster/contracts';
import { lastValueFrom, timeout, TimeoutError } from 'rxjs';
import { MembershipDomainError, MembershipFaultError, MembershipUnavailableError } from './membership.errors';

export interface MembershipClientOptions {
  natsUrl: string;
  subjectPrefix: string;
  /** Upper bound of every request; `send` may ask for less. */
  timeoutMs: number;
}

/**
 * The gateway's only way to membership: NATS request/reply (DESIGN §3). Every request has a timeout;
 * transport failures become MembershipUnavailableError, domain errors MembershipDomainError. Nothing
 * is retried here: a command that timed out may still have run, and membership makes commands
 * idempotent by natural keys instead.
 */
@Injectable()
export class MembershipClient implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MembershipClient.name);
  private readonly nats: PrefixedNatsClient;

  constructor(private readonly options: MembershipClientOptions) {
    this.nats = new PrefixedNatsClient(natsSettings(options.natsUrl, 'gateway'), options.subjectPrefix);
  }

  /** Sends a request and waits for its single reply. */
  async send<T>(pattern: MembershipPattern, payload: object, timeoutMs = this.options.timeoutMs): Promise<T> {
    try {
      const reply = await lastValueFrom(this.nats.send<T>(pattern, payload).pipe(timeout(timeoutMs)), {
        // A handler that returns nothing completes the reply without a value.
        defaultValue: undefined as T,
      });
      if (isDomainErrorPayload(reply)) throw toDomainError(reply);
      return reply;
    } catch (error) {
      throw classify(pattern, error);
    }
  }

  /** Publishes an event; no reply is awaited and a failure is only logged (events are best effort). */
  emit(pattern: MembershipPattern, payload: object): void {
    this.nats.emit(pattern, payload).subscribe({
      error: (error: unknown) => this.logger.warn(`Could not publish ${pattern}: ${describe(error)}`),
    });
  }

  /**
   * Connects in the background: the gateway starts (and answers 503) while NATS is down, and the
   * first request does not pay for the connection. Requests wait for it, within their timeout.
   */
  onApplicationBootstrap(): void {
    this.nats
      .connect()
      .catch((error: unknown) => this.logger.warn(`NATS connection failed: ${describe(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nats.close();
  }
}

function toDomainError(payload: { code: MembershipDomainError['code']; message: string; target?: string }) {
  return new MembershipDomainError(payload.code, payload.message, payload.target);
}

/**
 * Error instances come from the transport on this side (no responder, timeout, closed connection); so
 * do strings (a lost connection rejects with one), except Nest's "no matching message handler", which
 * a membership of another release answers for a pattern it lacks: unavailable too, retry later. A
 * plain object is what membership put in its reply (an RpcException arrives as its payload, DESIGN
 * §10.7): a domain error, or else a fault on its side.
 */
function classify(pattern: string, error: unknown): Error {
  if (
    error instanceof MembershipDomainError ||
    error instanceof MembershipUnavailableError ||
    error instanceof MembershipFaultError
  ) {
    return error;
  }
  if (error instanceof EmptyResponseException) {
    return new MembershipUnavailableError(pattern, 'no_responder', { cause: error });
  }
  if (error instanceof TimeoutError)
    return new MembershipUnavailableError(pattern, 'timeout', { cause: error });
  if (error instanceof Error || typeof error === 'string') {
    return new MembershipUnavailableError(pattern, 'connection', { cause: error });
  }
  if (isDomainErrorPayload(error)) return toDomainError(error);
  return new MembershipFaultError(pattern, error);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
