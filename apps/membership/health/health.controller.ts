import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MailRedis } from '../mail/mail-redis';

type CheckState = 'up' | 'down';

/**
 * Liveness and readiness for compose healthchecks and orchestrators (SPEC §8), on membership's small
 * HTTP port. Ready means membership can serve commands and move emails: PostgreSQL and Redis answer.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: MailRedis,
  ) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: 'ok'; checks: Record<string, CheckState> }> {
    const [database, redis] = await Promise.all([this.databaseState(), this.redisState()]);
    const checks = { database, redis };
    if (database === 'down' || redis === 'down') {
      throw new ServiceUnavailableException({ status: 'error', checks });
    }
    return { status: 'ok', checks };
  }

  private async databaseState(): Promise<CheckState> {
    try {
      await this.dataSource.query('SELECT 1');
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async redisState(): Promise<CheckState> {
    return (await this.redis.ping()) ? 'up' : 'down';
  }
}
