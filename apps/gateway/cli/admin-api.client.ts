import { CliError, type CliConfig } from './cli-config';

const REQUEST_TIMEOUT_MS = 30_000;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The admin API over HTTP, with every failure turned into one sentence naming the problem. */
export class AdminApiClient {
  private loaded: CliConfig | undefined;

  /** The configuration is read on the first call, so a wrong command line is reported before it. */
  constructor(private readonly loadConfig: () => CliConfig) {}

  private get config(): CliConfig {
    return (this.loaded ??= this.loadConfig());
  }

  async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const url = `${this.config.url}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.config.adminToken}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new CliError(
        `cannot reach Roster at ${this.config.url} (${reason(error)}); is the gateway running? Set ROSTER_URL to its address`,
      );
    }
    const text = await response.text();
    const parsed = parseJson(text);
    if (response.ok) return parsed as T;
    throw new CliError(describeFailure(response.status, parsed, `${method} ${path}`));
  }
}

function describeFailure(status: number, body: unknown, request: string): string {
  if (status === 401) return "the admin token was refused: check ADMIN_TOKEN (it must be the gateway's)";
  const message =
    typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : undefined;
  if (status === 503) return `Roster is temporarily unavailable (${message ?? 'retry later'})`;
  if (status === 404 && (message === undefined || /^Cannot /.test(message))) {
    return `this Roster has no ${request} endpoint (HTTP 404); is ROSTER_URL a Roster gateway of this version?`;
  }
  return `${message ?? 'request failed'} (HTTP ${status})`;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** fetch reports "fetch failed" and hides the reason in `cause` (ECONNREFUSED, ENOTFOUND, bad port). */
function reason(error: unknown): string {
  const { name, message, cause } = (error ?? {}) as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  if (name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  return cause?.code ?? cause?.message ?? message ?? String(error);
}
