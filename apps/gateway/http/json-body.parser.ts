import type { FastifyInstance } from 'fastify';
import { RequestBodyError } from './request-body.error';

/** Deepest JSON nesting accepted; a SCIM User is at most 4 levels deep, a PATCH request 6. */
export const MAX_JSON_DEPTH = 32;

/** The content types Roster's JSON APIs accept (SPEC §3): SCIM's own and plain JSON. */
export const JSON_CONTENT_TYPES = ['application/json', 'application/scim+json'] as const;

/**
 * True when `text` nests objects/arrays deeper than `maxDepth`. A single linear pass that skips
 * string literals, run before JSON.parse so that nothing recursive ever sees a hostile body.
 */
export function jsonNestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* \ */) i++;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b /* { */ || code === 0x5b /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/**
 * Makes `application/json` and `application/scim+json` the only body types, both parsed by Fastify's
 * own JSON parser (so `__proto__`/`constructor.prototype` keys are refused and `bodyLimit` gives 413)
 * after the nesting check (DESIGN §6, §10.5). Any other content type is answered 415 by Fastify.
 */
export function registerJsonBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    [...JSON_CONTENT_TYPES],
    { parseAs: 'string', bodyLimit },
    (request, body, done) => {
      const text = body as string;
      // A JSON content type on a bodiless request (a DELETE, as some IdPs send it) loses no meaning.
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      if (jsonNestingExceeds(text, MAX_JSON_DEPTH)) {
        done(
          new RequestBodyError(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`),
          undefined,
        );
        return;
      }
      void parseJson(request, text, done);
    },
  );
}
