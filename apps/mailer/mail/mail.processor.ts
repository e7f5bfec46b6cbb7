import { Inject, Injectable } from '@nestjs/common';
import {
  ContractViolation,
  MailJob,
  mailJobName,
  parseContract,
  type MailKind,
  type ReportedDeliveryState,
} from '@roster/contracts';
import { UnrecoverableError, type Job } from 'bullmq';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { basename } from 'node:path';
import { MailMetrics } from '../metrics/mail-metrics';
import { singleLine } from '../rendering/inert-text';
import { MAILER_CLOCK, MAIL_TRANSPORT, type Clock } from '../mailer.tokens';
import { classifyDeliveryFailure } from './delivery-failure';
import { DeliveryReporter } from './delivery-reporter';
import type { DeliveryReceipt, MailTransport } from './mail-transport';
import { MailComposer, UndeliverableMailError, type OutgoingMail } from './outgoing-mail';
import { SentLedger } from './sent-ledger';

/** A failure worth retrying: BullMQ schedules the next attempt with the `mail` backoff. */
export class TransientDeliveryError extends Error {
  override readonly name = 'TransientDeliveryError';
}

export interface MailJobResult {
  state: 'sent';
  attempt: number;
  messageId?: string;
}

/** What a delivery report names the email by; from a raw payload when the job is invalid. */
interface MailIdentity {
  eventId: string;
  organizationId: string;
  memberId: string;
  kind: MailKind;
}

const identityOf = (mail: MailJob): MailIdentity => ({
  eventId: mail.eventId,
  organizationId: mail.organization.id,
  memberId: mail.member.id,
  kind: mail.kind,
});

/**
 * Sends one email per job on `MailQueues.outgoing` (DESIGN.md §5): validate, compose (minting the
 * invitation token now), send, report. SMTP 4xx and connection failures throw so BullMQ retries;
 * 5xx, invalid jobs and the last failed attempt are reported bounced and end the job.
 */
@Injectable()
export class MailProcessor {
  constructor(
    private readonly composer: MailComposer,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly reporter: DeliveryReporter,
    private readonly ledger: SentLedger,
    @Inject(MAILER_CLOCK) private readonly clock: Clock,
    private readonly metrics: MailMetrics,
    @InjectPinoLogger(MailProcessor.name) private readonly logger: PinoLogger,
  ) {}

  async process(job: Job): Promise<MailJobResult> {
    const attempt = job.attemptsMade + 1;
    const mail = await this.parseOrBounce(job, attempt);
    const identity = identityOf(mail);
    const context = { eventId: mail.eventId, kind: mail.kind, to: mail.to, jobId: job.id, attempt };

    const sentOnAttempt = await this.ledger.sentOnAttempt(mail.eventId);
    if (sentOnAttempt !== null) {
      this.logger.warn(context, 'email of this event was already sent; not sending it again');
      await this.reportSafely(identity, 'sent', sentOnAttempt);
      return { state: 'sent', attempt: sentOnAttempt };
    }

    let outgoing: OutgoingMail;
    try {
      outgoing = this.composer.compose(mail, this.clock.now());
    } catch (error) {
      if (error instanceof UndeliverableMailError) {
        return this.bounce(identity, attempt, error.message, context);
      }
      throw error;
    }

    let receipt: DeliveryReceipt;
    try {
      receipt = await this.transport.send(outgoing);
    } catch (error) {
      const failure = classifyDeliveryFailure(error);
      const lastAttempt = attempt >= (job.opts.attempts ?? 1);
      if (failure.kind === 'permanent' || lastAttempt) {
        return this.bounce(identity, attempt, failure.summary, { ...context, subject: outgoing.subject });
      }
      this.logger.warn(
        { ...context, subject: outgoing.subject, detail: failure.summary },
        'email not sent; will retry',
      );
      this.metrics.attempt(mail.kind, 'retrying');
      await this.reportSafely(identity, 'retrying', attempt, failure.summary);
      throw new TransientDeliveryError(failure.summary);
    }

    // From here on the email is out: nothing may fail the job, or BullMQ would send it again.
    this.metrics.attempt(mail.kind, 'sent');
    await this.ledger.recordSent(mail.eventId, attempt).catch((error: unknown) => {
      this.logger.error({ ...context, error: messageOf(error) }, 'could not record the sent email');
    });
    this.logger.info(
      { ...context, subject: outgoing.subject, messageId: receipt.messageId, file: receipt.file },
      'email sent',
    );
    const detail = receipt.file ? `written to ${basename(receipt.file)}` : singleLine(receipt.response, 500);
    await this.reportSafely(identity, 'sent', attempt, detail || undefined);
    return { state: 'sent', attempt, messageId: receipt.messageId };
  }

  /** The job's payload as its contract, or an UnrecoverableError (reported bounced when it names an email). */
  private async parseOrBounce(job: Job, attempt: number): Promise<MailJob> {
    let problems: string[];
    try {
      const mail = parseContract(MailJob, job.data);
      if (job.name === mailJobName(mail.kind)) return mail;
      problems = [`job name "${job.name}" does not match kind "${mail.kind}"`];
    } catch (error) {
      if (!(error instanceof ContractViolation)) throw error;
      problems = error.problems;
    }
    const detail = `invalid mail job: ${problems.join('; ')}`;
    this.logger.error({ jobId: job.id, jobName: job.name, problems }, 'invalid mail job; not sending it');
    const raw = (job.data ?? {}) as {
      eventId?: string;
      kind?: MailKind;
      organization?: { id?: string };
      member?: { id?: string };
    };
    const identity = {
      eventId: raw.eventId,
      organizationId: raw.organization?.id,
      memberId: raw.member?.id,
      kind: raw.kind,
    } as MailIdentity;
    this.metrics.attempt(raw.kind, 'bounced');
    await this.reportSafely(identity, 'bounced', attempt, singleLine(detail, 1000));
    throw new UnrecoverableError(detail);
  }

  private async bounce(
    identity: MailIdentity,
    attempt: number,
    detail: string,
    context: Record<string, unknown>,
  ): Promise<never> {
    this.logger.error({ ...context, detail }, 'email bounced; not retrying');
    this.metrics.attempt(identity.kind, 'bounced');
    await this.reportSafely(identity, 'bounced', attempt, detail);
    throw new UnrecoverableError(detail);
  }

  /** A report that cannot be queued is logged, never thrown: it must not make BullMQ send again. */
  private async reportSafely(
    identity: MailIdentity,
    state: ReportedDeliveryState,
    attempt: number,
    detail?: string,
  ): Promise<void> {
    try {
      await this.reporter.report({ ...identity, state, attempt, detail }, this.clock.now());
    } catch (error) {
      if (error instanceof ContractViolation) {
        this.logger.warn({ state, attempt }, 'delivery not reported: the job does not name a valid email');
      } else {
        this.logger.error(
          { eventId: identity.eventId, state, attempt, error: messageOf(error) },
          'could not report delivery',
        );
      }
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
