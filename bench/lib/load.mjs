// Load generation with autocannon's programmatic API, and the statistics the report shows. Latencies
// are taken from autocannon's per-response events (sub-millisecond), not its integer-ms histogram.
import autocannon from 'autocannon';

export class Latencies {
  values = [];
  add(ms) {
    this.values.push(ms);
  }
  summary() {
    const sorted = Float64Array.from(this.values).sort();
    const at = (q) =>
      sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? null) };
  }
}

const round = (ms) => (ms === null ? null : Math.round(ms * 100) / 100);

/**
 * Runs one autocannon instance. `expect(status, body)` decides whether a response is an error (a wrong
 * status or body counts as one, as do connection errors and timeouts). Bounded by `amount` requests,
 * else by `duration` seconds.
 */
export async function cannon({
  url,
  connections,
  amount,
  duration,
  requests,
  headers,
  expect,
  latencies = new Latencies(),
}) {
  let failed = 0;
  let firstFailure;
  const checked = requests.map((request) => ({
    ...request,
    onResponse: (status, body, context, responseHeaders) => {
      if (!expect(status, body)) {
        failed++;
        firstFailure ??= `${status} ${String(body).slice(0, 200)}`;
      }
      request.onResponse?.(status, body, context, responseHeaders);
    },
  }));
  const started = performance.now();
  const instance = autocannon({
    url,
    connections,
    ...(amount === undefined ? { duration } : { amount }),
    timeout: 30,
    headers,
    requests: checked,
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.add(responseTime));
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  const errors = failed + result.errors + result.timeouts;
  return {
    requests: latencies.values.length,
    seconds,
    rate: latencies.values.length / seconds,
    errors,
    firstFailure,
    ...latencies.summary(),
  };
}

/**
 * Runs `jobs` (each a list of steps that must run in order on one connection, a step's response
 * feeding the next) over `connections` connections: one single-connection autocannon instance per
 * connection with exactly the number of requests of the jobs dealt to it, so no job is cut short.
 */
export async function cannonJobs({ url, connections, jobs, headers, expect, latencies = new Latencies() }) {
  const lanes = Array.from({ length: connections }, () => []);
  jobs.forEach((job, index) => lanes[index % connections].push(job));
  const before = latencies.values.length;
  const started = performance.now();
  const results = await Promise.all(
    lanes
      .filter((lane) => lane.length > 0)
      .map((lane) => {
        const steps = lane.flatMap((job) => job.steps.map((step) => ({ job, step })));
        let next = 0;
        let current;
        return cannon({
          url,
          connections: 1,
          amount: steps.length,
          headers,
          latencies,
          expect: (status, body) => expect(current, status, body),
          requests: [
            {
              setupRequest: (request) => {
                current = steps[next++];
                return { ...request, ...current.step.request(current.job.state) };
              },
              onResponse: (status, body) => current.step.onResponse?.(current.job.state, status, body),
            },
          ],
        });
      }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    requests: latencies.values.length - before,
    seconds,
    rate: (latencies.values.length - before) / seconds,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    firstFailure: results.find((result) => result.firstFailure)?.firstFailure,
    ...latencies.summary(),
  };
}
