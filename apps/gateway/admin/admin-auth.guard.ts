import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { GatewayConfig } from '../config/gateway.config';
import { bearerCredential } from '../scim/auth/authorization-header';

/** Authenticates the admin API with the deployment's `ADMIN_TOKEN`, compared in constant time. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: GatewayConfig) {
    this.expected = sha256(config.ADMIN_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = bearerCredential(request.headers.authorization);
    // Hashing first gives equal lengths, so timingSafeEqual never leaks the token's length.
    if (token === null || !timingSafeEqual(sha256(token), this.expected)) {
      throw new UnauthorizedException(
        'A valid admin token is required (Authorization: Bearer <ADMIN_TOKEN>).',
      );
    }
    return true;
  }
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
