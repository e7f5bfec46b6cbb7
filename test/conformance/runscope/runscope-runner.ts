import type { SuiteAssertion } from '../assertion-verdict';
import { RUNSCOPE_COMPARISONS } from './runscope-comparisons';
import { runRunscopeScript, type ScriptResponse } from './runscope-script';
import type { RunscopeAssertion, RunscopeRequestStep, RunscopeSource, RunscopeTest } from './runscope-test';
import { asText, jsonProperty, substituteVariables } from './runscope-values';

interface StepResponse extends ScriptResponse {
  json: unknown;
}

/**
 * Runs a Runscope test against a live server: each request step in order, with `{{variables}}` from
 * `initialVariables` and from earlier responses, its declarative assertions and its scripts. Pauses
 * are not waited for: they give eventually consistent servers time, and Roster reads its own writes.
 * Assertions are named `Step n (note) / ...`, n counting request steps.
 */
export async function runRunscopeTest(
  test: RunscopeTest,
  initialVariables: Record<string, string>,
): Promise<SuiteAssertion[]> {
  const variables = new Map(Object.entries(initialVariables));
  const results: SuiteAssertion[] = [];
  const requests = test.steps.filter((step): step is RunscopeRequestStep => step.step_type === 'request');
  for (const [index, step] of requests.entries()) {
    if (step.skipped) continue;
    const label = `Step ${index + 1} (${step.note ?? step.method})`;
    let response: StepResponse;
    try {
      response = await send(step, variables);
    } catch (error) {
      results.push({ name: `${label} / request sent`, passed: false, message: (error as Error).message });
      continue;
    }
    for (const assertion of step.assertions ?? []) {
      results.push({
        name: `${label} / ${assertionLabel(assertion)}`,
        ...judge(assertion, response, variables),
      });
    }
    for (const variable of step.variables ?? []) {
      const value = sourceValue(response, variable.source, variable.property);
      if (value !== undefined) variables.set(variable.name, asText(value));
    }
    for (const [n, script] of (step.scripts ?? []).entries()) {
      if (script.trim() === '') continue;
      let message = '';
      try {
        runRunscopeScript(script, response, variables);
      } catch (error) {
        message = (error as Error).message;
      }
      results.push({ name: `${label} / script ${n + 1}`, passed: message === '', message });
    }
  }
  return results;
}

async function send(step: RunscopeRequestStep, variables: Map<string, string>): Promise<StepResponse> {
  if ((step.before_scripts ?? []).some((script) => script.trim() !== '')) {
    throw new Error('before_scripts are not supported by this interpreter');
  }
  const headers = new Headers();
  for (const [name, values] of Object.entries(step.headers ?? {})) {
    for (const value of values) headers.append(name, substituteVariables(value, variables));
  }
  const started = performance.now();
  const res = await fetch(new URL(substituteVariables(step.url, variables)), {
    method: step.method,
    headers,
    body: step.body === undefined ? undefined : substituteVariables(step.body, variables),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.text();
  const responseHeaders: Record<string, string[]> = {};
  res.headers.forEach((value, name) => (responseHeaders[name] = [...(responseHeaders[name] ?? []), value]));
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return {
    status: res.status,
    body,
    headers: responseHeaders,
    json,
    response_time_ms: performance.now() - started,
  };
}

function judge(
  assertion: RunscopeAssertion,
  response: StepResponse,
  variables: ReadonlyMap<string, string>,
): { passed: boolean; message: string } {
  const compare = RUNSCOPE_COMPARISONS[assertion.comparison];
  if (!compare) return { passed: false, message: `unsupported comparison ${assertion.comparison}` };
  let expected: string;
  try {
    expected = substituteVariables(asText(assertion.value ?? ''), variables);
  } catch (error) {
    return { passed: false, message: (error as Error).message };
  }
  const actual = sourceValue(response, assertion.source, assertion.property);
  const wanted = assertion.value === null ? '' : `, expected ${JSON.stringify(expected)}`;
  const passed = compare(actual, expected);
  return { passed, message: passed ? '' : `got ${JSON.stringify(actual)}${wanted}` };
}

function sourceValue(response: StepResponse, source: RunscopeSource, property?: string): unknown {
  switch (source) {
    case 'response_status':
      return response.status;
    case 'response_json':
      return jsonProperty(response.json, property);
    case 'response_text':
      return response.body;
    case 'response_headers':
      return property === undefined ? response.headers : response.headers[property.toLowerCase()]?.join(', ');
    case 'response_time':
      return response.response_time_ms;
    case 'response_size':
      return Buffer.byteLength(response.body);
  }
}

function assertionLabel(assertion: RunscopeAssertion): string {
  const subject = assertion.property ? `${assertion.source} ${assertion.property}` : assertion.source;
  return assertion.value === null
    ? `${subject} ${assertion.comparison}`
    : `${subject} ${assertion.comparison} ${asText(assertion.value)}`;
}
