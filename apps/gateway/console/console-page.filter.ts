import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiErrorResponse } from '../admin/api-error.mapping';
import { ConsoleFormRejected, ConsoleSignInRequired } from './console-auth';
import { ConsoleLayout } from './console-layout';
import { redirectTo, sendConsolePage } from './console-reply';
import { errorPage } from './pages/error.page';

const TITLES: Readonly<Record<number, string>> = {
  400: 'That did not work',
  403: 'This form was refused',
  404: 'Not found',
  409: 'That did not work',
  503: 'Roster is temporarily unavailable',
};

/**
 * Whatever goes wrong on a console page is answered with a page, never JSON or a stack trace: no
 * session → the sign-in page; a refused form → 403; otherwise the admin API's own status and
 * message (one error mapping for both), and 500s are logged with the request id.
 */
@Catch()
export class ConsolePageFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  constructor(private readonly layout: ConsoleLayout) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;
    if (exception instanceof ConsoleSignInRequired) {
      redirectTo(reply, this.layout.urls.signIn);
      return;
    }
    if (exception instanceof ConsoleFormRejected) {
      this.logger.warn({ requestId: request.id, path: request.url.split('?')[0], reason: exception.message });
      sendConsolePage(
        reply,
        errorPage(
          this.layout,
          403,
          TITLES[403],
          'The form expired or did not come from this console. Go back, reload the page and try again.',
        ),
      );
      return;
    }
    const response = apiErrorResponse(exception);
    if (response.fault) {
      this.logger.error(
        { requestId: request.id, path: request.url.split('?')[0], err: exception },
        'Console page failed with an internal error',
      );
    }
    const status = response.status;
    const title = TITLES[status] ?? (status >= 500 ? 'Something went wrong' : 'That did not work');
    const message =
      status === 503
        ? 'Roster cannot reach its membership service right now. Nothing was changed; try again in a few seconds.'
        : status >= 500
          ? `The problem has been logged (request ${request.id}).`
          : response.body.message;
    sendConsolePage(
      reply,
      errorPage(this.layout, status, title, message),
      status === 503 ? { 'retry-after': response.headers['retry-after'] } : {},
    );
  }
}
