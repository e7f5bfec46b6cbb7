// The table `npm run bench` prints, and the medians over several runs of the suite.

/** One row per measurement name: the median of each figure over the runs (and the spread of the rate). */
export function summarise(runs) {
  const names = [...new Set(runs.flat().map((row) => row.name))];
  return names.map((name) => {
    const samples = runs.map((rows) => rows.find((row) => row.name === name)).filter(Boolean);
    const first = samples[0];
    const median = (pick) => {
      const values = samples
        .map(pick)
        .filter((value) => typeof value === 'number')
        .sort((a, b) => a - b);
      if (values.length === 0) return null;
      const middle = Math.floor(values.length / 2);
      return values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    };
    const rates = samples.map((row) => row.rate);
    return {
      workload: first.workload,
      name,
      unit: first.unit,
      target: first.target,
      runs: samples.length,
      requests: median((row) => row.requests),
      seconds: round(median((row) => row.seconds)),
      rate: round(median((row) => row.rate)),
      rateRange: samples.length > 1 ? [round(Math.min(...rates)), round(Math.max(...rates))] : undefined,
      p50: median((row) => row.p50),
      p99: median((row) => row.p99),
      max: median((row) => row.max),
      errors: samples.reduce((sum, row) => sum + row.errors, 0),
      rss: Object.fromEntries(
        Object.keys(first.rss ?? {}).map((app) => [app, median((row) => row.rss?.[app])]),
      ),
    };
  });
}

const round = (n) => (n === null ? null : Math.round(n * 10) / 10);

export function printTable(rows) {
  const header = [
    'workload',
    'rate',
    'p50 ms',
    'p99 ms',
    'max ms',
    'errors',
    'gateway MB',
    'membership MB',
    'mailer MB',
    'target',
  ];
  const lines = rows.map((row) => [
    row.name,
    row.unit.startsWith('ms') ? `${fmt(row.p50)} ms` : `${fmt(Math.round(row.rate))} ${row.unit}`,
    fmt(row.p50),
    fmt(row.p99),
    fmt(row.max),
    String(row.errors),
    fmt(row.rss?.gateway),
    fmt(row.rss?.membership),
    fmt(row.rss?.mailer),
    row.target,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length)),
  );
  const format = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}

function fmt(value) {
  if (value === null || value === undefined) return '—';
  return typeof value === 'number' ? value.toLocaleString('en', { maximumFractionDigits: 1 }) : String(value);
}
