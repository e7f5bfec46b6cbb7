import { PrefixedNatsServer, natsSettings } from '@roster/config';
import type { DomainErrorPayload, MembershipPattern } from '@roster/contracts';
import { randomUUID } from 'node:crypto';
import { throwError } from 'rxjs';

export const TEST_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A subject prefix no other process uses, so no real membership can answer (DESIGN §10.12). */
export function uniqueSubjectPrefix(): string {
  return `test.gateway.${randomUUID()}.`;
}

type Handler = (data: unknown) => unknown;

/**
 * A membership stand-in on real NATS, for transport-level gateway tests only: it answers the patterns
 * it was given with what the test says (a value, a domain error, silence), through Nest's own NATS
 * server, so the wire format is the real one.
 */
export class FakeMembership {
  private readonly handlers = new Map<MembershipPattern, Handler>();

  private constructor(private readonly server: PrefixedNatsServer) {}

  /** Subscribes to `patterns` under `prefix`; other patterns have no responder. */
  static async start(prefix: string, patterns: readonly MembershipPattern[]): Promise<FakeMembership> {
    const server = new PrefixedNatsServer(natsSettings(TEST_NATS_URL, 'fake-membership'), prefix);
    const fake = new FakeMembership(server);
    for (const pattern of patterns) {
      server.addHandler(pattern, async (data: unknown) => fake.handle(pattern, data));
    }
    await new Promise<void>((resolve, reject) => {
      void server.listen((error?: unknown) =>
        error
          ? reject(error instanceof Error ? error : new Error('NATS server failed to listen'))
          : resolve(),
      );
    });
    return fake;
  }

  /** Answers `pattern` with what `handler` returns (or resolves to). */
  on(pattern: MembershipPattern, handler: Handler): this {
    this.handlers.set(pattern, handler);
    return this;
  }

  /** Answers `pattern` with a domain error, as membership's RpcException arrives. */
  failWith(pattern: MembershipPattern, error: DomainErrorPayload): this {
    return this.on(pattern, () => throwError(() => error));
  }

  /** Never answers `pattern`: the gateway's RPC timeout must fire. */
  silence(pattern: MembershipPattern): this {
    return this.on(pattern, () => new Promise(() => undefined));
  }

  async close(): Promise<void> {
    await this.server.close();
  }

  private async handle(pattern: MembershipPattern, data: unknown): Promise<unknown> {
    const handler = this.handlers.get(pattern);
    if (!handler)
      return throwError(() => ({ status: 'error', message: `fake has no answer for ${pattern}` }));
    return handler(data);
  }
}
