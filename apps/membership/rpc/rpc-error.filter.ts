import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import {
  ContractViolation,
  DomainErrorCode,
  isDomainErrorPayload,
  type DomainErrorPayload,
} from '@roster/contracts';
import { throwError, type Observable } from 'rxjs';
import { isDatabaseUnavailable } from '../database/database-errors';
import { DomainError } from '../domain/domain-error';

/** What a caller gets for an error that is membership's own fault: Nest's shape, no details. */
export interface InternalErrorPayload {
  status: 'error';
  message: string;
}

const UNAVAILABLE = DomainError.unavailable().toPayload();

/**
 * The one mapping from anything a handler throws to the reply payload (DESIGN.md §3): domain errors
 * as `{ code, message, target }`, a payload that fails its contract as `invalid_payload`, an
 * unreachable database as `unavailable`. Anything else is logged here and answered without its
 * message, so no SQL, stack or secret leaves membership.
 */
export function rpcErrorPayload(error: unknown): DomainErrorPayload | InternalErrorPayload {
  if (error instanceof DomainError) return error.toPayload();
  if (error instanceof ContractViolation) {
    return { code: DomainErrorCode.invalidPayload, message: error.message };
  }
  if (error instanceof RpcException) {
    const payload = error.getError();
    if (isDomainErrorPayload(payload)) return payload;
  }
  if (isDatabaseUnavailable(error)) return UNAVAILABLE;
  return { status: 'error', message: 'Internal error in membership' };
}

@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('MembershipRpc');

  catch(error: unknown, host: ArgumentsHost): Observable<never> {
    const payload = rpcErrorPayload(error);
    const subject = subjectOf(host);
    if ('status' in payload) {
      // Name, message and stack only: a query error's own properties hold SQL parameters.
      const described = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.logger.error(`${subject} failed: ${described}`, error instanceof Error ? error.stack : undefined);
    } else if (payload.code === DomainErrorCode.unavailable) {
      this.logger.warn(`${subject}: database unavailable`);
    } else if (payload.code === DomainErrorCode.invalidPayload) {
      this.logger.warn(`${subject}: ${payload.message}`);
    }
    return throwError(() => payload);
  }
}

function subjectOf(host: ArgumentsHost): string {
  const context: unknown = host.switchToRpc().getContext();
  const getSubject = (context as { getSubject?: () => string } | undefined)?.getSubject;
  return typeof getSubject === 'function' ? getSubject.call(context) : 'rpc';
}
