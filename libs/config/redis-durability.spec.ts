import { redisDurabilityProblems } from './redis-durability';

// Protects: Roster refuses a Redis that would silently drop queued emails (DESIGN.md §5, SPEC §8).
describe('redisDurabilityProblems', () => {
  it.each([
    ['safe: noeviction and AOF', { maxmemoryPolicy: 'noeviction', aofEnabled: true }, false, 0, 0],
    ['safe in production', { maxmemoryPolicy: 'noeviction', aofEnabled: true }, true, 0, 0],
    ['evicting policy is fatal anywhere', { maxmemoryPolicy: 'allkeys-lru', aofEnabled: true }, false, 1, 0],
    ['volatile-lru is evicting too', { maxmemoryPolicy: 'volatile-lru', aofEnabled: true }, true, 1, 0],
    [
      'no AOF outside production: a warning',
      { maxmemoryPolicy: 'noeviction', aofEnabled: false },
      false,
      0,
      1,
    ],
    ['no AOF in production: fatal', { maxmemoryPolicy: 'noeviction', aofEnabled: false }, true, 1, 0],
    ['both wrong in production', { maxmemoryPolicy: 'allkeys-random', aofEnabled: false }, true, 2, 0],
  ])('%s', (_name, durability, production, fatal, warnings) => {
    const problems = redisDurabilityProblems(durability, production);
    expect(problems.fatal).toHaveLength(fatal);
    expect(problems.warnings).toHaveLength(warnings);
  });

  it('names the setting to change', () => {
    const { fatal } = redisDurabilityProblems({ maxmemoryPolicy: 'allkeys-lru', aofEnabled: false }, true);
    expect(fatal.join(' ')).toMatch(/noeviction/);
    expect(fatal.join(' ')).toMatch(/--appendonly yes/);
  });
});
