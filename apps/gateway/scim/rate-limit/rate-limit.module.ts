import { Module } from '@nestjs/common';
import { GatewayConfig } from '../../config/gateway.config';
import { RateLimitRedis } from './rate-limit.redis';
import { ScimRateLimits } from './scim-rate-limits';

/** Redis-backed SCIM rate limits shared by every gateway replica (DESIGN §6). */
@Module({
  providers: [
    {
      provide: RateLimitRedis,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => new RateLimitRedis(config.REDIS_URL),
    },
    ScimRateLimits,
  ],
  exports: [ScimRateLimits],
})
export class RateLimitModule {}
