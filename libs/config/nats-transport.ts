import { ClientNats, ServerNats, type NatsOptions } from '@nestjs/microservices';

type NatsSettings = NonNullable<NatsOptions['options']>;

/** NATS max_payload we rely on (DESIGN.md §3): a 10k-member group PATCH is ~0.5 MB. */
export const NATS_MAX_PAYLOAD = 8 * 1024 * 1024;

/**
 * A NATS server strategy whose subjects carry a prefix. Tests give each file its own prefix so that no
 * other membership process on the same NATS can answer their requests (DESIGN.md §10.12).
 */
export class PrefixedNatsServer extends ServerNats {
  constructor(
    options: NatsSettings,
    private readonly subjectPrefix: string,
  ) {
    super(options);
  }

  override normalizePattern(pattern: Parameters<ServerNats['normalizePattern']>[0]): string {
    return this.subjectPrefix + super.normalizePattern(pattern);
  }

  /** Incoming messages are looked up by their subject, which already carries the prefix. */
  override getRouteFromPattern(pattern: string): string {
    return this.subjectPrefix && pattern.startsWith(this.subjectPrefix)
      ? pattern
      : super.getRouteFromPattern(pattern);
  }
}

/** The client side of PrefixedNatsServer. */
export class PrefixedNatsClient extends ClientNats {
  constructor(
    options: NatsSettings,
    private readonly subjectPrefix: string,
  ) {
    super(options);
  }

  protected override normalizePattern(pattern: Parameters<ClientNats['normalizePattern']>[0]): string {
    return this.subjectPrefix + super.normalizePattern(pattern);
  }
}

/** Connection settings shared by the NATS client and server of every app. */
export function natsSettings(url: string, name: string): NatsSettings {
  return {
    servers: url.split(',').map((s) => s.trim()),
    name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
  };
}
