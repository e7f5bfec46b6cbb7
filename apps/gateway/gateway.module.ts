import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { loggerParams, METRICS_REGISTRY } from '@roster/config';
import type { Registry } from 'prom-client';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { GatewayConfig } from './config/gateway.config';
import { ConsoleModule } from './console/console.module';
import { CoreModule } from './core.module';
import { HealthController } from './health/health.controller';
import { InvitationsModule } from './invitations/invitations.module';
import { GatewayExceptionFilter } from './http/gateway-exception.filter';
import { ScimModule } from './scim/scim.module';

/** The gateway: SCIM for IdPs, the admin API, health probes; membership behind NATS (DESIGN §2). */
@Module({})
export class GatewayModule {
  static forConfig(config: GatewayConfig, metrics: Registry): DynamicModule {
    const logging = loggerParams('gateway', config.LOG_LEVEL);
    return {
      module: GatewayModule,
      imports: [
        // assignResponse: fields assigned during a request (the IdP) also reach its completion line.
        LoggerModule.forRoot({ ...logging, assignResponse: true }),
        CoreModule.forConfig(config),
        ScimModule,
        AdminModule,
        InvitationsModule,
        ConsoleModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: GatewayExceptionFilter },
        // Served on METRICS_PORT by main.ts, not on the public port.
        { provide: METRICS_REGISTRY, useValue: metrics },
      ],
    };
  }
}
