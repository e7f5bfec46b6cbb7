import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { ScimAuthGuard } from './auth/scim-auth.guard';
import { ScimKeyUsageReporter } from './auth/scim-key-usage.reporter';
import { ScimBulkController } from './bulk/scim-bulk.controller';
import { ScimDiscoveryController } from './discovery/scim-discovery.controller';
import { MembershipGroupsClient } from './groups/membership-groups.client';
import { ScimGroupsController } from './groups/scim-groups.controller';
import { ScimGroupsService } from './groups/scim-groups.service';
import { ProvisioningLogModule } from './provisioning/provisioning-log.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ScimRequestLogMiddleware } from './scim-request-log.middleware';
import { ScimUsersController } from './users/scim-users.controller';
import { MembershipUsersClient } from './users/membership-users.client';
import { ScimUsersService } from './users/scim-users.service';

/** The SCIM 2.0 service provider at `/scim/v2/{organizationId}` (SPEC §2–§4). */
@Module({
  imports: [ProvisioningLogModule, RateLimitModule],
  controllers: [ScimUsersController, ScimBulkController, ScimDiscoveryController, ScimGroupsController],
  providers: [
    ScimAuthGuard,
    ScimKeyUsageReporter,
    MembershipUsersClient,
    ScimUsersService,
    MembershipGroupsClient,
    ScimGroupsService,
  ],
})
export class ScimModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ScimRequestLogMiddleware)
      .forRoutes(ScimUsersController, ScimBulkController, ScimDiscoveryController, ScimGroupsController);
  }
}
