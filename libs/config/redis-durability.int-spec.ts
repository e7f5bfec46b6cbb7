import Redis from 'ioredis';
import { checkRedisDurability, UnsafeRedisError } from './redis-durability';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

// Protects: the start-up check reads the real server's settings (INFO), so a misconfigured Redis is
// caught before any email is queued.
describe('checkRedisDurability against the real Redis', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
  });

  it('agrees with CONFIG GET about AOF and refuses non-AOF only in production', async () => {
    const aof = ((await redis.config('GET', 'appendonly')) as string[])[1] === 'yes';
    const policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
    if (policy !== 'noeviction') {
      await expect(checkRedisDurability(redis, false)).rejects.toBeInstanceOf(UnsafeRedisError);
      return;
    }
    const warnings = await checkRedisDurability(redis, false);
    expect(warnings).toHaveLength(aof ? 0 : 1);
    if (aof) await expect(checkRedisDurability(redis, true)).resolves.toEqual([]);
    else await expect(checkRedisDurability(redis, true)).rejects.toBeInstanceOf(UnsafeRedisError);
  });

  it('warns instead of failing when Redis cannot be reached', async () => {
    const unreachable = new Redis({
      port: 1,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    unreachable.on('error', () => undefined);
    const warnings = await checkRedisDurability(unreachable, true, 500);
    expect(warnings[0]).toMatch(/could not check/);
    unreachable.disconnect();
  });
});
