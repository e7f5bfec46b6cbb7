import type Redis from 'ioredis';

/** What Redis says about keeping the mail queues: eviction policy and append-only file. */
export interface RedisDurability {
  maxmemoryPolicy: string;
  aofEnabled: boolean;
}

/** Thrown when Redis would lose queued emails; the message says what to change. */
export class UnsafeRedisError extends Error {
  constructor(problems: string[]) {
    super(`Redis is not safe for the mail queues: ${problems.join('; ')}`);
    this.name = 'UnsafeRedisError';
  }
}

/** Resolves once the connection is ready (a connection without an offline queue refuses commands before). */
function whenReady(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => redis.once('ready', () => resolve()));
}

function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

/** Reads the eviction policy and AOF state with INFO (allowed where CONFIG is disabled, as on managed Redis). */
export async function inspectRedisDurability(redis: Redis): Promise<RedisDurability> {
  const [memory, persistence] = await Promise.all([redis.info('memory'), redis.info('persistence')]);
  return {
    maxmemoryPolicy: infoField(memory, 'maxmemory_policy') ?? 'unknown',
    aofEnabled: infoField(persistence, 'aof_enabled') === '1',
  };
}

/**
 * DESIGN.md §5: queued emails live in Redis, so Redis must never evict keys, and in production it must
 * persist them (AOF). Returns the problems that stop start-up and the ones only worth a warning.
 */
export function redisDurabilityProblems(
  durability: RedisDurability,
  production: boolean,
): { fatal: string[]; warnings: string[] } {
  const fatal: string[] = [];
  const warnings: string[] = [];
  if (durability.maxmemoryPolicy !== 'noeviction') {
    fatal.push(
      `maxmemory-policy is '${durability.maxmemoryPolicy}'; set it to 'noeviction' (an evicted job is a lost email)`,
    );
  }
  if (!durability.aofEnabled) {
    const problem =
      "append-only file is off; run Redis with '--appendonly yes' so queued emails survive a restart";
    (production ? fatal : warnings).push(problem);
  }
  return { fatal, warnings };
}

/**
 * Checks Redis at start-up: throws UnsafeRedisError when it would lose queued mail, returns warnings
 * for the caller to log. When Redis cannot be reached in `timeoutMs`, says so as a warning: the app
 * starts and retries its connection, and the check cannot be made.
 */
export async function checkRedisDurability(
  redis: Redis,
  production: boolean,
  timeoutMs = 3_000,
): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  let durability: RedisDurability;
  try {
    durability = await Promise.race([
      whenReady(redis).then(() => inspectRedisDurability(redis)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      }),
    ]);
  } catch (error) {
    return [
      `could not check Redis persistence settings (${(error as Error).message}); will retry connecting`,
    ];
  } finally {
    clearTimeout(timer);
  }
  const { fatal, warnings } = redisDurabilityProblems(durability, production);
  if (fatal.length > 0) throw new UnsafeRedisError(fatal);
  return warnings;
}
