/**
 * The parts of a Runscope API test export (JSON) that Okta's SCIM test files use. Runscope is a
 * hosted service; these types and the interpreter beside them run such a file locally.
 */
export interface RunscopeTest {
  name: string;
  steps: RunscopeStep[];
}

export type RunscopeStep = RunscopeRequestStep | RunscopePauseStep;

export interface RunscopePauseStep {
  step_type: 'pause';
  skipped?: boolean;
  /** Seconds. */
  duration: number;
}

export interface RunscopeRequestStep {
  step_type: 'request';
  skipped?: boolean;
  note?: string;
  method: string;
  url: string;
  headers?: Record<string, string[]>;
  body?: string;
  assertions?: RunscopeAssertion[];
  variables?: RunscopeVariable[];
  /** JavaScript run after the response, with Runscope's `response`, `assert`, `variables` and `log`. */
  scripts?: string[];
  before_scripts?: string[];
}

/** Where a value comes from: the status, JSON body (at `property`), text, a header, the time taken. */
export type RunscopeSource =
  | 'response_status'
  | 'response_json'
  | 'response_text'
  | 'response_headers'
  | 'response_time'
  | 'response_size';

export interface RunscopeAssertion {
  source: RunscopeSource;
  comparison: string;
  property?: string;
  value: string | number | null;
}

export interface RunscopeVariable {
  source: RunscopeSource;
  name: string;
  property?: string;
}

/** Rejects a file this interpreter would misread, rather than running part of it. */
export function parseRunscopeTest(data: unknown): RunscopeTest {
  const test = data as Partial<RunscopeTest>;
  if (typeof test?.name !== 'string' || !Array.isArray(test.steps)) {
    throw new Error('Not a Runscope test export: expected "name" and "steps".');
  }
  for (const [index, step] of test.steps.entries()) {
    const type = (step as { step_type?: unknown }).step_type;
    if (type !== 'request' && type !== 'pause') {
      throw new Error(`Runscope step ${index + 1}: unsupported step_type ${JSON.stringify(type)}.`);
    }
  }
  return test as RunscopeTest;
}
