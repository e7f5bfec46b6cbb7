import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { detectIdp } from './idp-detector';

/**
 * Adds the detected IdP to the request's log lines, the request-completed line included. The
 * provisioning log (a later issue) records it per organization; nothing branches on it (SPEC §6).
 */
@Injectable()
export class ScimRequestLogMiddleware implements NestMiddleware {
  constructor(private readonly logger: PinoLogger) {}

  use(request: IncomingMessage, _response: ServerResponse, next: () => void): void {
    const idp = detectIdp({
      userAgent: request.headers['user-agent'],
      adScimVersion: request.headers['adscimversion'],
    });
    this.logger.assign({ idp });
    next();
  }
}
