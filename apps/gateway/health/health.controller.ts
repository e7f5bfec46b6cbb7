import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { MembershipPatterns } from '@roster/contracts';
import { MembershipClient } from '../membership/membership.client';

/** Readiness waits at most this long for membership: probes have short timeouts of their own. */
const READINESS_TIMEOUT_MS = 2_000;

/** Liveness and readiness probes (SPEC §8) for compose healthchecks and orchestrators. */
@Controller('health')
export class HealthController {
  constructor(private readonly membership: MembershipClient) {}

  /** The process serves HTTP. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** The gateway can serve requests: membership answers over NATS. */
  @Get('ready')
  async ready() {
    try {
      await this.membership.send(MembershipPatterns.health, {}, READINESS_TIMEOUT_MS);
    } catch {
      throw new ServiceUnavailableException('Membership is not answering.');
    }
    return { status: 'ok' };
  }
}
