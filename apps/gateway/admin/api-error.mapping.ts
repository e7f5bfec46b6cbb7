import { HttpException } from '@nestjs/common';
import { DomainErrorCode } from '@roster/contracts';
import { STATUS_CODES } from 'node:http';
import { RequestBodyError } from '../http/request-body.error';
import { MembershipDomainError, MembershipUnavailableError } from '../membership/membership.errors';
import { badRequestDetail, RETRY_AFTER_SECONDS } from '../scim/scim-error.mapping';

/** The admin API's (and health endpoints') error body. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export interface ApiErrorResponse {
  status: number;
  body: ApiErrorBody;
  headers: Record<string, string>;
  /** True when the error is Roster's fault: the filter logs it with the request id. */
  fault: boolean;
}

/** Maps anything thrown while serving `/api` or `/health` to `{ statusCode, error, message }`. */
export function apiErrorResponse(exception: unknown): ApiErrorResponse {
  if (exception instanceof MembershipUnavailableError) return unavailable();
  if (exception instanceof MembershipDomainError) return fromDomainError(exception);
  if (exception instanceof RequestBodyError) return respond(400, exception.message);
  if (exception instanceof HttpException) return fromHttpException(exception);
  return internalError();
}

function fromDomainError(error: MembershipDomainError): ApiErrorResponse {
  switch (error.code) {
    case DomainErrorCode.notFound:
      return respond(404, `${resourceNamed(error.target)} not found.`);
    case DomainErrorCode.uniqueness:
      return respond(409, `${error.target ?? 'A unique attribute'} is already taken.`);
    case DomainErrorCode.versionMismatch:
      return respond(409, 'The resource was changed by another request; reload and retry.');
    case DomainErrorCode.invalid:
      return respond(400, error.message);
    case DomainErrorCode.conflict:
      // Membership's message says why the state does not allow it (e.g. "not accepted yet").
      return respond(409, error.message);
    case DomainErrorCode.unavailable:
      return unavailable();
    case DomainErrorCode.invalidPayload:
    default:
      // DTOs are validated before anything is sent: a refusal by membership is a contract drift.
      return internalError();
  }
}

function fromHttpException(exception: HttpException): ApiErrorResponse {
  const status = exception.getStatus();
  if (status === 503) return unavailable();
  if (status >= 500) return internalError();
  if (status === 400 && exception.cause) {
    return respond(400, badRequestDetail((exception.cause as { code?: unknown }).code));
  }
  return respond(status, messageOf(exception));
}

/** Nest's own message (ValidationPipe lists every problem); joined so `message` is always a string. */
function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return typeof message === 'string' ? message : exception.message;
}

/** Membership names what was not found by its id field (`organizationId`); admins read a noun. */
const RESOURCE_NAMES: Readonly<Record<string, string>> = { keyId: 'SCIM API key' };

function resourceNamed(target: string | undefined): string {
  if (target === undefined) return 'Resource';
  return RESOURCE_NAMES[target] ?? capitalized(target.replace(/Id$/, ''));
}

function capitalized(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function unavailable(): ApiErrorResponse {
  const response = respond(503, 'The service is temporarily unavailable; retry later.');
  return { ...response, headers: { ...response.headers, 'retry-after': String(RETRY_AFTER_SECONDS) } };
}

function internalError(): ApiErrorResponse {
  return { ...respond(500, 'An internal error occurred; it has been logged.'), fault: true };
}

function respond(status: number, message: string): ApiErrorResponse {
  return {
    status,
    body: { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message },
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(status === 401 ? { 'www-authenticate': 'Bearer realm="roster-admin"' } : {}),
    },
    fault: false,
  };
}
