import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { GatewayConfig } from '../config/gateway.config';
import { bearerCredential } from '../scim/auth/authorization-header';
import { AdminToken } from './admin-token';

/** Authenticates the admin API with the deployment's `ADMIN_TOKEN`, compared in constant time. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  private readonly token: AdminToken;

  constructor(config: GatewayConfig) {
    this.token = new AdminToken(config.ADMIN_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!this.token.matches(bearerCredential(request.headers.authorization))) {
      throw new UnauthorizedException(
        'A valid admin token is required (Authorization: Bearer <ADMIN_TOKEN>).',
      );
    }
    return true;
  }
}
