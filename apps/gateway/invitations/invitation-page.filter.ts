import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainErrorCode } from '@roster/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MembershipDomainError, MembershipUnavailableError } from '../membership/membership.errors';
import { RETRY_AFTER_SECONDS } from '../scim/scim-error.mapping';
import { InvitationPages } from './invitation-pages';
import { sendPage } from '../web/send-page';

/**
 * Failures while serving an invitation page are answered with a page, never JSON or a stack trace:
 * an outage asks to try again (503 + Retry-After), anything else is logged and answered with a
 * generic page. The request is logged by its path only: the token never reaches a log line.
 */
@Catch()
export class InvitationPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('InvitationPages');

  constructor(private readonly pages: InvitationPages) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const context = { requestId: request.id, method: request.method, path: request.url.split('?')[0] };

    if (isOutage(exception)) {
      this.logger.warn({ ...context, reason: describe(exception) }, 'Membership unavailable: answered 503');
      if (!reply.sent)
        sendPage(reply, this.pages.unavailable(), { 'retry-after': String(RETRY_AFTER_SECONDS) });
      return;
    }
    this.logger.error({ ...context, err: exception }, 'Invitation page failed with an internal error');
    if (!reply.sent) sendPage(reply, this.pages.failed());
  }
}

function isOutage(exception: unknown): boolean {
  return (
    exception instanceof MembershipUnavailableError ||
    (exception instanceof MembershipDomainError && exception.code === DomainErrorCode.unavailable)
  );
}

function describe(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}
