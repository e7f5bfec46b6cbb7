import type { FastifyReply } from 'fastify';
import { SCIM_CONTENT_TYPE } from './scim-error.mapping';

/** What a SCIM operation answers: status, headers (ETag, Location) and, unless 204/304, a body. */
export interface ScimResult {
  status: number;
  headers?: Record<string, string>;
  body?: object;
}

/**
 * Writes a ScimResult's status and headers on the reply and returns the body for Nest to send, so
 * that controllers stay one line (`@Res({ passthrough: true })`).
 */
export function sendScimResult(reply: FastifyReply, result: ScimResult): object | undefined {
  void reply.code(result.status);
  if (result.headers) void reply.headers(result.headers);
  if (result.body !== undefined) void reply.header('content-type', SCIM_CONTENT_TYPE);
  return result.body;
}
