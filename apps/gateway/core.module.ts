import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock } from './clock';
import { GatewayConfig } from './config/gateway.config';
import { MembershipClient } from './membership/membership.client';
import { ScimCredentialsCache } from './scim/auth/scim-credentials.cache';
import { ScimUrls } from './scim/scim-urls';

/** What every part of the gateway shares: its config, clock, the membership client and the credentials cache. */
@Global()
@Module({})
export class CoreModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: GatewayConfig, useValue: config },
        Clock,
        {
          provide: MembershipClient,
          useFactory: () =>
            new MembershipClient({
              natsUrl: config.NATS_URL,
              subjectPrefix: config.NATS_SUBJECT_PREFIX,
              timeoutMs: config.RPC_TIMEOUT_MS,
            }),
        },
        {
          provide: ScimCredentialsCache,
          inject: [MembershipClient, Clock],
          useFactory: (membership: MembershipClient, clock: Clock) =>
            new ScimCredentialsCache(membership, clock, config.CREDENTIALS_CACHE_MS),
        },
        { provide: ScimUrls, useValue: new ScimUrls(config.PUBLIC_URL) },
      ],
      exports: [GatewayConfig, Clock, MembershipClient, ScimCredentialsCache, ScimUrls],
    };
  }
}
