import type Redis from 'ioredis';

/**
 * One step of a fixed window in one round trip: count the hit, start the window's clock on the first
 * hit (also when a key somehow lost its expiry), and say how long the window has left. Atomic on the
 * Redis server, so every gateway replica shares the same count.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/** What one hit on a window found: the hits so far (this one included) and the time until it resets. */
export interface WindowHit {
  count: number;
  resetsInMs: number;
}

type WithHitCommand = Redis & {
  rosterWindowHit(key: string, windowMs: number): Promise<[number, number]>;
};

/**
 * Fixed-window counters in Redis (DESIGN §6: rate limits shared across gateway replicas). A window
 * starts at its first hit and lasts `windowMs`; its key expires with it, so idle clients cost nothing.
 */
export class FixedWindowCounter {
  private readonly redis: WithHitCommand;

  constructor(redis: Redis) {
    // defineCommand sends EVALSHA and falls back to EVAL once after a Redis restart flushed scripts.
    if (!('rosterWindowHit' in redis))
      redis.defineCommand('rosterWindowHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis = redis as WithHitCommand;
  }

  async hit(key: string, windowMs: number): Promise<WindowHit> {
    const [count, ttl] = await this.redis.rosterWindowHit(key, windowMs);
    return { count: Number(count), resetsInMs: Math.max(0, Number(ttl)) };
  }
}
