import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiErrorResponse } from '../admin/api-error.mapping';
import { MembershipUnavailableError } from '../membership/membership.errors';
import { scimErrorResponse } from '../scim/scim-error.mapping';

/** SCIM clients get RFC 7644 error bodies for every failure under this path, routed or not. */
const SCIM_PATH = /^\/scim(\/|$)/i;

/**
 * The gateway's one exception filter: everything thrown — by handlers, guards, Nest's router or
 * Fastify's body parsing — ends here and is answered in the format of the surface it hit. Faults are
 * logged with the request id; clients only see a generic detail.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('GatewayExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const path = request.url.split('?')[0];
    const response = SCIM_PATH.test(path) ? scimErrorResponse(exception) : apiErrorResponse(exception);

    if (response.fault) {
      this.logger.error(
        { err: exception, requestId: request.id, method: request.method, path },
        'Request failed with an internal error',
      );
    } else if (exception instanceof MembershipUnavailableError) {
      this.logger.warn(
        {
          requestId: request.id,
          pattern: exception.pattern,
          reason: exception.reason,
          cause: describeCause(exception.cause),
        },
        'Membership unavailable: answered 503',
      );
    }
    if (reply.sent) return;
    void reply.code(response.status).headers(response.headers).send(JSON.stringify(response.body));
  }
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
