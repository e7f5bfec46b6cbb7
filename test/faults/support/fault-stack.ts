import { startSmtpSink, type SmtpSink } from '@roster/testing';
import { startInfrastructure, type Infrastructure } from './infrastructure';
import { startRoster, type RosterProcesses } from './roster-processes';
import { startSmtpGate, type SmtpGate } from './smtp-gate';

/**
 * Settings of the stack under faults. All are documented configuration variables (.env.example);
 * only their values are shortened so that outages scaled down to seconds still show retries.
 */
export const FAULT_TEST_SETTINGS = {
  /** The relay's poll (it also wakes on NOTIFY); default 1000. */
  OUTBOX_POLL_MS: '500',
  /** First SMTP retry delay, doubling up to an hour; default 5000. */
  MAIL_BACKOFF_BASE_MS: '200',
  /** How long the gateway waits for membership before 503; default 10000. */
  RPC_TIMEOUT_MS: '3000',
  /** How long the gateway caches an organization's key digests; default 5000. */
  CREDENTIALS_CACHE_MS: '2000',
  MAIL_CONCURRENCY: '8',
} as const;

export interface FaultStack {
  infrastructure: Infrastructure;
  roster: RosterProcesses;
  sink: SmtpSink;
  /** SMTP_URL points here; it forwards to `sink` unless told to refuse. */
  gate: SmtpGate;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startFaultStack(): Promise<FaultStack> {
  const infrastructure = await startInfrastructure();
  let sink: SmtpSink | undefined;
  let gate: SmtpGate | undefined;
  try {
    sink = await startSmtpSink();
    gate = await startSmtpGate(sink.port);
    const roster = await startRoster(infrastructure, { ...FAULT_TEST_SETTINGS, SMTP_URL: gate.url });
    const [s, g] = [sink, gate];
    return {
      infrastructure,
      roster,
      sink: s,
      gate: g,
      databaseUrl: roster.env.DATABASE_URL,
      async close() {
        await roster.stop();
        await g.close();
        await s.close();
        await infrastructure.stop();
      },
    };
  } catch (error) {
    await gate?.close();
    await sink?.close();
    await infrastructure.stop();
    throw error;
  }
}

/** A line for the run's summary (docs/reliability.md is written from these). */
export function report(scenario: string, facts: Record<string, unknown>): void {
  process.stdout.write(`[faults] ${scenario}: ${JSON.stringify(facts)}\n`);
}
