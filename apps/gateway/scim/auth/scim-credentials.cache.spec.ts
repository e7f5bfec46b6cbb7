import { MembershipPatterns, type ScimCredentials } from '@roster/contracts';
import type { Clock } from '../../clock';
import type { MembershipClient } from '../../membership/membership.client';
import { MembershipUnavailableError } from '../../membership/membership.errors';
import { ScimCredentialsCache } from './scim-credentials.cache';
import { ScimKeyUsageReporter } from './scim-key-usage.reporter';

const ORG = '0b8f7c7e-3c1e-4a53-9d0e-5b1f2a3c4d5e';
const CREDENTIALS: ScimCredentials = { enabled: true, keys: [{ id: 'k1', digest: 'a'.repeat(64) }] };

function setup(ttlMs = 5_000) {
  let now = 1_000_000;
  const clock: Clock = { now: () => now };
  const send = jest.fn<Promise<unknown>, [string, object]>().mockResolvedValue(CREDENTIALS);
  const emit = jest.fn();
  const membership = { send, emit } as unknown as MembershipClient;
  return {
    cache: new ScimCredentialsCache(membership, clock, ttlMs),
    reporter: new ScimKeyUsageReporter(membership, clock),
    send,
    emit,
    advance: (ms: number) => (now += ms),
  };
}

// Protects: steady IdP traffic does not ask membership on every request, and changes made through
// this gateway apply at once (DESIGN §6).
describe('ScimCredentialsCache', () => {
  it('asks membership once per organization within the TTL, again after it', async () => {
    const { cache, send, advance } = setup();
    await cache.get(ORG);
    await cache.get(ORG);
    advance(4_999);
    await cache.get(ORG);
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith(MembershipPatterns.scimCredentials, { organizationId: ORG });
    advance(1);
    await cache.get(ORG);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('shares one lookup between concurrent requests', async () => {
    const { cache, send } = setup();
    await Promise.all([cache.get(ORG), cache.get(ORG), cache.get(ORG)]);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('asks again after invalidate', async () => {
    const { cache, send } = setup();
    await cache.get(ORG);
    cache.invalidate(ORG);
    await cache.get(ORG);
    expect(send).toHaveBeenCalledTimes(2);
  });

  // Protects: one outage does not keep answering 503 for the whole TTL after membership is back.
  it('does not remember a failed lookup', async () => {
    const { cache, send } = setup();
    send.mockRejectedValueOnce(new MembershipUnavailableError('p', 'timeout'));
    await expect(cache.get(ORG)).rejects.toBeInstanceOf(MembershipUnavailableError);
    await expect(cache.get(ORG)).resolves.toEqual(CREDENTIALS);
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('caches nothing with a TTL of 0', async () => {
    const { cache, send } = setup(0);
    await cache.get(ORG);
    await cache.get(ORG);
    expect(send).toHaveBeenCalledTimes(2);
  });
});

// Protects: a busy IdP does not turn every request into a bus event.
describe('ScimKeyUsageReporter', () => {
  it('reports a key at most once a minute', () => {
    const { reporter, emit, advance } = setup();
    reporter.keyUsed(ORG, 'k1');
    reporter.keyUsed(ORG, 'k1');
    reporter.keyUsed(ORG, 'k2');
    advance(59_999);
    reporter.keyUsed(ORG, 'k1');
    expect(emit).toHaveBeenCalledTimes(2);
    advance(1);
    reporter.keyUsed(ORG, 'k1');
    expect(emit).toHaveBeenCalledTimes(3);
    expect(emit).toHaveBeenLastCalledWith(MembershipPatterns.scimKeyUsed, {
      organizationId: ORG,
      keyId: 'k1',
      at: expect.any(String),
    });
  });
});
