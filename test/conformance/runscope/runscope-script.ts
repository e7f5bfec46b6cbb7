import assert from 'node:assert';
import { runInNewContext } from 'node:vm';

/** What a Runscope post-response script sees. */
export interface ScriptResponse {
  status: number;
  body: string;
  headers: Record<string, string[]>;
  response_time_ms: number;
}

/**
 * Runs one Runscope script (JavaScript from the suite file, which is trusted like the test code) in a
 * fresh context with Runscope's globals: `response`, `assert` (Node's, which has the same `assert(x)`,
 * `assert.ok` and `assert.equal` as Runscope's Chai), `variables` and `log`. Throws what the script
 * throws, so a failed `assert` or a script error is a failed assertion.
 */
export function runRunscopeScript(
  source: string,
  response: ScriptResponse,
  variables: Map<string, string>,
): void {
  runInNewContext(
    source,
    {
      response,
      assert,
      variables: {
        get: (name: string) => variables.get(name),
        set: (name: string, value: unknown) => variables.set(name, String(value)),
      },
      log: () => undefined,
    },
    { timeout: 1000, filename: 'runscope-script.js' },
  );
}
