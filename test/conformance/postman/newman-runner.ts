import type { SuiteAssertion } from '../assertion-verdict';

/** The part of a Postman collection (v2.1) this runner reads. */
interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  [key: string]: unknown;
}
export interface PostmanCollection {
  info: unknown;
  item: PostmanItem[];
  [key: string]: unknown;
}

interface NewmanCursor {
  position: number;
}
interface NewmanEmitter {
  on(
    event: 'assertion',
    listener: (err: unknown, args: { cursor: NewmanCursor; assertion: string; error?: Error }) => void,
  ): this;
  on(
    event: 'exception',
    listener: (err: unknown, args: { cursor: NewmanCursor; error: Error }) => void,
  ): this;
  on(event: 'request', listener: (err: Error | null, args: { cursor: NewmanCursor }) => void): this;
}
interface Newman {
  run(options: Record<string, unknown>, done: (err: Error | null) => void): NewmanEmitter;
}

/** A copy of the collection without the top-level folders named (e.g. the reference server's "Get Token"). */
export function withoutFolders(collection: PostmanCollection, names: readonly string[]): PostmanCollection {
  return { ...collection, item: collection.item.filter((entry) => !names.includes(entry.name)) };
}

/**
 * Names every request the run will send, in run order (depth first, as newman's cursor counts them):
 * `Folder / Request`, with `#2`, `#3` on repeats, since the Microsoft collection reuses request names.
 */
export function requestLabels(collection: PostmanCollection): string[] {
  const labels: string[] = [];
  const seen = new Map<string, number>();
  const walk = (items: readonly PostmanItem[], folder: string[]) => {
    for (const entry of items) {
      if (entry.item) {
        walk(entry.item, [...folder, entry.name]);
        continue;
      }
      const label = [...folder, entry.name].join(' / ');
      const count = (seen.get(label) ?? 0) + 1;
      seen.set(label, count);
      labels.push(count === 1 ? label : `${label} #${count}`);
    }
  };
  walk(collection.item, []);
  return labels;
}

/**
 * Runs a Postman collection with newman's Node API and returns every `pm.test` assertion, plus a
 * failed pseudo-assertion for each request that could not be sent or whose test script threw (a
 * script that throws before its `pm.test` calls would otherwise hide failures).
 */
export async function runPostmanCollection(
  collection: PostmanCollection,
  environment: Record<string, string>,
): Promise<SuiteAssertion[]> {
  // newman ships no type declarations; the interface above covers what is used.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const newman = require('newman') as Newman;
  const labels = requestLabels(collection);
  const label = (cursor: NewmanCursor) => labels[cursor.position] ?? `request ${cursor.position + 1}`;
  const results: SuiteAssertion[] = [];
  await new Promise<void>((resolve, reject) => {
    newman
      .run(
        {
          collection,
          envVar: Object.entries(environment).map(([key, value]) => ({ key, value })),
          reporters: [],
          timeoutRequest: 10_000,
        },
        (error) => (error ? reject(error) : resolve()),
      )
      .on('assertion', (_err, { cursor, assertion, error }) => {
        results.push({
          name: `${label(cursor)} / ${assertion}`,
          passed: !error,
          message: error?.message ?? '',
        });
      })
      .on('exception', (_err, { cursor, error }) => {
        results.push({
          name: `${label(cursor)} / (test script threw)`,
          passed: false,
          message: error.message,
        });
      })
      .on('request', (err, { cursor }) => {
        if (err)
          results.push({ name: `${label(cursor)} / (request sent)`, passed: false, message: err.message });
      });
  });
  return results;
}
