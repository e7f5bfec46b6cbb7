import { Controller, UseFilters } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MembershipPatterns } from '@roster/contracts';
import { DataSource } from 'typeorm';
import { DomainError } from '../domain/domain-error';
import { RpcErrorFilter } from './rpc-error.filter';

/** The gateway's readiness probe of membership: answers only when the database does. */
@Controller()
@UseFilters(RpcErrorFilter)
export class HealthRpcController {
  constructor(private readonly dataSource: DataSource) {}

  @MessagePattern(MembershipPatterns.health)
  async health(): Promise<{ ok: true }> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw DomainError.unavailable();
    }
    return { ok: true };
  }
}
