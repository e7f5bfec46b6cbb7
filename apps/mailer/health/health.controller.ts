import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { MAILER_REDIS, MAIL_TRANSPORT } from '../mailer.tokens';
import type { MailTransport } from '../mail/mail-transport';

const CHECK_TIMEOUT_MS = 2000;
/** A readiness probe every few seconds must not open an SMTP session every few seconds. */
const SMTP_CHECK_TTL_MS = 30_000;

type CheckState = 'up' | 'down';

async function withinTimeout(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** /health/live: the process answers. /health/ready: Redis answers and mail can be handed over. */
@Controller('health')
export class HealthController {
  private smtpCheck?: { at: number; result: Promise<boolean> };

  constructor(
    @Inject(MAILER_REDIS) private readonly redis: Redis,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [redis, mail] = await Promise.all([
      withinTimeout(async () => (await this.redis.ping()) === 'PONG', CHECK_TIMEOUT_MS),
      this.mailReachable(),
    ]);
    const checks: Record<string, CheckState> = {
      redis: redis ? 'up' : 'down',
      [this.transport.mode]: mail ? 'up' : 'down',
    };
    const ok = redis && mail;
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }

  private mailReachable(): Promise<boolean> {
    if (this.transport.mode === 'file')
      return withinTimeout(() => this.transport.isReachable(), CHECK_TIMEOUT_MS);
    const now = Date.now();
    if (!this.smtpCheck || now - this.smtpCheck.at > SMTP_CHECK_TTL_MS) {
      this.smtpCheck = { at: now, result: withinTimeout(() => this.transport.isReachable(), 10_000) };
    }
    return this.smtpCheck.result;
  }
}
