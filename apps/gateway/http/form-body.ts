import formBody from '@fastify/formbody';
import { errorCodes, type FastifyInstance } from 'fastify';

/**
 * Paths whose HTML forms post `application/x-www-form-urlencoded` (pages that work without
 * JavaScript). Everything else — SCIM and the admin API — takes JSON only and keeps answering 415.
 */
export const FORM_PATHS: readonly RegExp[] = [/^\/invitations\//i, /^\/admin(\/|$)/i];

/** A form is a few fields (an invitation token is ~300 bytes); nothing larger is parsed. */
export const FORM_BODY_LIMIT = 16 * 1024;

const FORM_CONTENT_TYPE = /^\s*application\/x-www-form-urlencoded\s*(;|$)/i;

/**
 * Parses form bodies with @fastify/formbody, only on FORM_PATHS: elsewhere a form body is refused
 * with Fastify's own 415 before it is read, exactly as when no form parser was registered.
 */
export async function registerFormBodyParser(fastify: FastifyInstance): Promise<void> {
  await fastify.register(formBody, { bodyLimit: FORM_BODY_LIMIT });
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const contentType = request.headers['content-type'];
    const path = request.url.split('?')[0];
    if (typeof contentType === 'string' && FORM_CONTENT_TYPE.test(contentType)) {
      if (!FORM_PATHS.some((formPath) => formPath.test(path))) {
        done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(contentType));
        return;
      }
    }
    done(null, payload);
  });
}
