import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

type ScimRequest = FastifyRequest<{ Params: Record<string, string | undefined> }>;

/**
 * The organization of the SCIM URL, lower-cased (UUIDs compare case-insensitively). The auth guard
 * has already checked it is a UUID the key belongs to.
 */
export const ScimOrganizationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const request = context.switchToHttp().getRequest<ScimRequest>();
    return (request.params.organizationId ?? '').toLowerCase();
  },
);

/** The preconditions of a request (RFC 7644 §3.14): If-Match and If-None-Match, as sent. */
export interface ScimPreconditions {
  ifMatch?: string | string[];
  ifNoneMatch?: string | string[];
}

export const ScimPreconditionHeaders = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ScimPreconditions => {
    const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
    return { ifMatch: headers['if-match'], ifNoneMatch: headers['if-none-match'] };
  },
);
