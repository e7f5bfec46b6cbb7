import { DependencyOutage } from './dependency-outage';

describe('DependencyOutage', () => {
  it('logs an outage once when it starts and once when it ends, however often it is retried', () => {
    const logger = { warn: jest.fn(), log: jest.fn() };
    const outage = new DependencyOutage(logger, 'Redis', 'emails wait in the outbox');

    outage.recovered();
    for (let i = 0; i < 5; i++) outage.failed(new Error('connect ECONNREFUSED'));
    expect(outage.ongoing).toBe(true);
    outage.recovered();
    outage.recovered();

    expect(logger.warn.mock.calls).toEqual([
      ['Redis unavailable (connect ECONNREFUSED); emails wait in the outbox'],
    ]);
    expect(logger.log).toHaveBeenCalledTimes(1);
    expect(logger.log.mock.calls[0][0]).toMatch(/^Redis available again after \d+ s$/);
    expect(outage.ongoing).toBe(false);
  });
});
