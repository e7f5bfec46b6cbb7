import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DomainErrorCode, type DomainErrorCode as Code } from '@roster/contracts';
import { ScimError, SCIM_ERROR_SCHEMA } from '@roster/scim';
import { RequestBodyError } from '../http/request-body.error';
import {
  MembershipDomainError,
  MembershipFaultError,
  MembershipUnavailableError,
} from '../membership/membership.errors';
import { AUTHENTICATION_FAILED_DETAIL, scimErrorResponse } from './scim-error.mapping';

const fastifyError = (code: string, statusCode: number) =>
  new HttpException('fastify', statusCode, {
    cause: Object.assign(new Error('x'), { name: 'FastifyError', code, statusCode }),
  });
const domain = (code: Code, message = 'from membership', target?: string) =>
  new MembershipDomainError(code, message, target);

// Protects: every failure a SCIM client can meet is an RFC 7644 §3.12 error with the right status,
// scimType and headers (SPEC §3), an outage is 503 + Retry-After (SPEC §2), and unknown errors leak nothing.
describe('scimErrorResponse', () => {
  it.each<[string, unknown, number, string | undefined, string | RegExp]>([
    [
      'a libs/scim client error',
      ScimError.badRequest('invalidFilter', 'Bad filter at 3'),
      400,
      'invalidFilter',
      'Bad filter at 3',
    ],
    [
      'authentication failure',
      new ScimError(401, AUTHENTICATION_FAILED_DETAIL),
      401,
      undefined,
      AUTHENTICATION_FAILED_DETAIL,
    ],
    ['not implemented', new ScimError(501, 'Bulk operations are not supported.'), 501, undefined, /Bulk/],
    [
      'membership unreachable',
      new MembershipUnavailableError('p', 'no_responder'),
      503,
      undefined,
      /temporarily unavailable/,
    ],
    ['domain not_found', domain(DomainErrorCode.notFound), 404, undefined, /not found/],
    [
      'domain uniqueness names the attribute',
      domain(DomainErrorCode.uniqueness, 'dup', 'userName'),
      409,
      'uniqueness',
      /^userName is already taken/,
    ],
    ['domain version_mismatch', domain(DomainErrorCode.versionMismatch), 412, undefined, /If-Match/],
    [
      'domain invalid keeps the rule message',
      domain(DomainErrorCode.invalid, 'emails: too many'),
      400,
      'invalidValue',
      'emails: too many',
    ],
    [
      'domain invalid on the filter is invalidFilter',
      domain(DomainErrorCode.invalid, "filtering on 'photos.display' is not supported", 'filter'),
      400,
      'invalidFilter',
      /photos\.display/,
    ],
    [
      'domain unavailable (database down)',
      domain(DomainErrorCode.unavailable),
      503,
      undefined,
      /temporarily unavailable/,
    ],
    [
      'domain invalid_payload is our bug',
      domain(DomainErrorCode.invalidPayload, 'user.userName: too long'),
      500,
      undefined,
      /internal error/,
    ],
    [
      'membership fault',
      new MembershipFaultError('p', { status: 'error' }),
      500,
      undefined,
      /internal error/,
    ],
    [
      'JSON nested too deep',
      new RequestBodyError('The request body is nested deeper than 32 levels.'),
      400,
      'invalidSyntax',
      /nested deeper/,
    ],
    [
      'invalid JSON from Fastify',
      fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400),
      400,
      'invalidSyntax',
      'The request body is not valid JSON.',
    ],
    [
      'empty JSON body from Fastify',
      fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400),
      400,
      'invalidSyntax',
      'The request body is empty.',
    ],
    ['body too large', fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413), 413, undefined, /larger than/],
    [
      'unsupported media type',
      fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415),
      415,
      undefined,
      /application\/scim\+json/,
    ],
    [
      'unknown route',
      new NotFoundException('Cannot GET /scim/v2/x/Groups'),
      404,
      undefined,
      'No SCIM endpoint at this path.',
    ],
    [
      'another 400 does not echo its message',
      new BadRequestException('secret detail'),
      400,
      'invalidSyntax',
      'The request is malformed.',
    ],
    [
      'an unknown error',
      new Error('relation "members" does not exist at /app/x.js:1'),
      500,
      undefined,
      /internal error/,
    ],
    ['a thrown non-error', 'boom', 500, undefined, /internal error/],
  ])('%s', (_name, exception, status, scimType, detail) => {
    const response = scimErrorResponse(exception);
    expect(response.status).toBe(status);
    expect(response.body.schemas).toEqual([SCIM_ERROR_SCHEMA]);
    expect(response.body.status).toBe(String(status));
    expect(response.body.scimType).toBe(scimType);
    if (typeof detail === 'string') expect(response.body.detail).toBe(detail);
    else expect(response.body.detail).toMatch(detail);
    expect(response.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    expect(response.fault).toBe(status === 500);
  });

  it('adds WWW-Authenticate to 401 only', () => {
    expect(
      scimErrorResponse(new ScimError(401, AUTHENTICATION_FAILED_DETAIL)).headers['www-authenticate'],
    ).toBe('Bearer realm="roster"');
    expect(scimErrorResponse(new ScimError(404, 'x')).headers['www-authenticate']).toBeUndefined();
  });

  it.each([new MembershipUnavailableError('p', 'timeout'), domain(DomainErrorCode.unavailable)])(
    'adds Retry-After to 503 (%p)',
    (exception) => {
      expect(scimErrorResponse(exception).headers['retry-after']).toBe('5');
    },
  );

  it('never copies an unknown error message into the detail', () => {
    const body = JSON.stringify(scimErrorResponse(new Error('password=hunter2 SELECT * FROM keys')).body);
    expect(body).not.toMatch(/hunter2|SELECT/);
  });
});
