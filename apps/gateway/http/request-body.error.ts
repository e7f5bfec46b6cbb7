/**
 * A request body the gateway refuses before any handler sees it (nested too deep). Each surface maps
 * it to its own 400 body: SCIM `invalidSyntax` or the admin API's JSON error.
 */
export class RequestBodyError extends Error {
  readonly statusCode = 400;

  constructor(message: string) {
    super(message);
    this.name = 'RequestBodyError';
  }
}
