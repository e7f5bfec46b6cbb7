import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ApiErrorDoc } from '../dto/organization.views';

/** The security scheme every admin operation names; the document defines it (admin-api.document.ts). */
export const ADMIN_BEARER = 'admin-token';

/** On every admin controller: tag, bearer auth, and the errors any operation may answer. */
export function AdminApiController(tag: string): ClassDecorator {
  return applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(ADMIN_BEARER),
    ApiUnauthorizedResponse({ type: ApiErrorDoc, description: 'The admin token is missing or wrong.' }),
    ApiServiceUnavailableResponse({
      type: ApiErrorDoc,
      description: 'A Roster service is unavailable; retry after Retry-After seconds.',
    }),
  );
}

interface OperationDoc {
  summary: string;
  description?: string;
  /** The success body; `created` for 201. */
  ok?: Type<unknown>;
  created?: Type<unknown>;
  /** Errors the operation answers besides 401 and 503. */
  errors?: ('400' | '404' | '409')[];
}

/** One admin operation's documentation, so controllers stay one line per handler. */
export function AdminOperation(doc: OperationDoc): MethodDecorator {
  const decorators = [ApiOperation({ summary: doc.summary, description: doc.description })];
  if (doc.ok) decorators.push(ApiOkResponse({ type: doc.ok }));
  if (doc.created) decorators.push(ApiCreatedResponse({ type: doc.created }));
  for (const error of doc.errors ?? []) {
    if (error === '400')
      decorators.push(
        ApiBadRequestResponse({ type: ApiErrorDoc, description: 'Invalid input; the message names it.' }),
      );
    if (error === '404') decorators.push(ApiNotFoundResponse({ type: ApiErrorDoc }));
    if (error === '409') decorators.push(ApiConflictResponse({ type: ApiErrorDoc }));
  }
  return applyDecorators(...decorators);
}
