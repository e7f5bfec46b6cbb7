import { HttpException } from '@nestjs/common';
import { DomainErrorCode } from '@roster/contracts';
import { ScimError, scimErrorBody, type ScimErrorBody } from '@roster/scim';
import { RequestBodyError } from '../http/request-body.error';
import { MembershipDomainError, MembershipUnavailableError } from '../membership/membership.errors';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
/** Seconds an IdP should wait after a 503 (SPEC §2: an outage is 503, never 401). */
export const RETRY_AFTER_SECONDS = 5;
export const WWW_AUTHENTICATE = 'Bearer realm="roster"';
/** The one 401 detail: every authentication failure looks the same (SPEC §2). */
export const AUTHENTICATION_FAILED_DETAIL =
  'Authentication failed: a valid SCIM API key for this organization is required.';

export interface ScimErrorResponse {
  status: number;
  body: ScimErrorBody;
  headers: Record<string, string>;
  /** True when the error is Roster's fault: the filter logs it with the request id. */
  fault: boolean;
}

const UNAVAILABLE_DETAIL = 'The service is temporarily unavailable; retry later.';
const INTERNAL_DETAIL = 'An internal error occurred; it has been logged.';

/**
 * The one mapping from anything thrown while serving a SCIM request to an RFC 7644 §3.12 error:
 * status, body and headers. Details are written here or by libs/scim, never copied from an unknown
 * error, so no stack, SQL or secret reaches a client.
 */
export function scimErrorResponse(exception: unknown): ScimErrorResponse {
  if (exception instanceof ScimError) return respond(exception.status, exception.detail, exception.scimType);
  if (exception instanceof MembershipUnavailableError) return respond(503, UNAVAILABLE_DETAIL);
  if (exception instanceof MembershipDomainError) return fromDomainError(exception);
  if (exception instanceof RequestBodyError) return respond(400, exception.message, 'invalidSyntax');
  if (exception instanceof HttpException) return fromHttpException(exception);
  return { ...respond(500, INTERNAL_DETAIL), fault: true };
}

function fromDomainError(error: MembershipDomainError): ScimErrorResponse {
  switch (error.code) {
    case DomainErrorCode.notFound:
      return respond(404, 'Resource not found.');
    case DomainErrorCode.uniqueness:
      return respond(
        409,
        `${error.target ?? 'A unique attribute'} is already taken in this organization.`,
        'uniqueness',
      );
    case DomainErrorCode.versionMismatch:
      return respond(412, 'The resource has changed since the version given in If-Match.');
    case DomainErrorCode.invalid:
      // Membership's messages for domain rules are written for the client (they name the attribute).
      // A filter membership cannot run (an attribute outside its allowlist) is the client's filter.
      return respond(400, error.message, error.target === 'filter' ? 'invalidFilter' : 'invalidValue');
    case DomainErrorCode.unavailable:
      return respond(503, UNAVAILABLE_DETAIL);
    case DomainErrorCode.invalidPayload:
    default:
      // The gateway validates every payload before sending it: a refusal is a contract drift, our bug.
      return { ...respond(500, INTERNAL_DETAIL), fault: true };
  }
}

/** Errors of Nest and Fastify themselves: unknown routes and bodies refused before any handler. */
function fromHttpException(exception: HttpException): ScimErrorResponse {
  const status = exception.getStatus();
  const code = (exception.cause as { code?: unknown } | undefined)?.code;
  switch (status) {
    case 400:
      return respond(400, badRequestDetail(code), 'invalidSyntax');
    case 401:
      return respond(401, AUTHENTICATION_FAILED_DETAIL);
    case 404:
      return respond(404, 'No SCIM endpoint at this path.');
    case 405:
      return respond(405, 'This method is not supported on this endpoint.');
    case 413:
      return respond(413, 'The request body is larger than the maximum payload size.');
    case 415:
      return respond(415, 'The request body must be application/scim+json or application/json.');
    default:
      return status >= 500
        ? { ...respond(500, INTERNAL_DETAIL), fault: true }
        : respond(status, 'The request was refused.');
  }
}

/** Fastify's 400s, worded for clients (its own texts name content types and internals). */
export function badRequestDetail(fastifyCode: unknown): string {
  if (fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty.';
  if (fastifyCode === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'The request body is not valid JSON.';
  return 'The request is malformed.';
}

function respond(status: number, detail: string, scimType?: ScimError['scimType']): ScimErrorResponse {
  const headers: Record<string, string> = { 'content-type': SCIM_CONTENT_TYPE };
  if (status === 401) headers['www-authenticate'] = WWW_AUTHENTICATE;
  if (status === 503) headers['retry-after'] = String(RETRY_AFTER_SECONDS);
  return { status, body: scimErrorBody(status, detail, scimType), headers, fault: false };
}
