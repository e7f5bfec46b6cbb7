import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createMetricsRegistry, loggerParams, MetricsController, METRICS_REGISTRY } from '@roster/config';
import { LoggerModule } from 'nestjs-pino';
import { AuditLog } from './audit/audit-log';
import { MembershipConfig } from './config/membership.config';
import { membershipDataSourceOptions } from './database/data-source';
import { Transactions } from './database/transactions';
import { TypeOrmNestLogger } from './database/typeorm-logger';
import { Clock, SystemClock } from './domain/clock';
import { GroupsModule } from './groups/groups.module';
import { HealthController } from './health/health.controller';
import { OutboxMetrics } from './metrics/outbox-metrics';
import { DeliveryReportProcessor } from './mail/delivery-report.processor';
import { MailDeliveriesRepository } from './mail/mail-deliveries.repository';
import { MailOutbox } from './mail/mail-outbox';
import { MailRedis } from './mail/mail-redis';
import { OutboxListener } from './mail/outbox-listener';
import { OutboxRelay } from './mail/outbox.relay';
import { MemberSummariesRepository } from './members/member-summaries.repository';
import { MembersRpcController } from './members/members.rpc-controller';
import { MembersService } from './members/members.service';
import { OrganizationDeletionService } from './organizations/organization-deletion.service';
import { OrganizationsRepository } from './organizations/organizations.repository';
import { OrganizationsRpcController } from './organizations/organizations.rpc-controller';
import { OrganizationsService } from './organizations/organizations.service';
import { ProvisioningLogModule } from './provisioning-log/provisioning-log.module';
import { InvitationsModule } from './invitations/invitations.module';
import { OrganizationSettingsModule } from './organization-settings/organization-settings.module';
import { HealthRpcController } from './rpc/health.rpc-controller';
import { ScimKeyLifecycleService } from './scim-keys/scim-key-lifecycle.service';
import { ScimKeysRepository } from './scim-keys/scim-keys.repository';
import { ScimKeysRpcController } from './scim-keys/scim-keys.rpc-controller';
import { ScimKeysService } from './scim-keys/scim-keys.service';
import { InvitationPolicy } from './users/invitation-policy';
import { MembersRepository } from './users/members.repository';
import { UsersRpcController } from './users/users.rpc-controller';
import { UsersService } from './users/users.service';

/**
 * Membership: PostgreSQL and every domain rule, served over NATS (DESIGN.md §2). The configuration is
 * given, never read from the environment here, so tests build it with their own database and prefixes.
 */
@Module({})
export class MembershipModule {
  static register(config: MembershipConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: MembershipModule,
      // Global: feature modules (apps/membership/<feature>/<feature>.module.ts, listed in `imports`)
      // inject the shared infrastructure exported below without re-registering it.
      global: true,
      imports: [
        LoggerModule.forRoot(loggerParams('membership', config.LOG_LEVEL)),
        TypeOrmModule.forRoot({
          ...membershipDataSourceOptions(config.DATABASE_URL),
          logger: new TypeOrmNestLogger(),
          // PostgreSQL may still be starting (compose orders by healthcheck, Kubernetes does not).
          retryAttempts: 10,
          retryDelay: 3_000,
        }),
        ProvisioningLogModule,
        OrganizationSettingsModule,
        InvitationsModule,
        GroupsModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        HealthRpcController,
        OrganizationsRpcController,
        ScimKeysRpcController,
        MembersRpcController,
        UsersRpcController,
      ],
      providers: [
        { provide: MembershipConfig, useValue: config },
        { provide: METRICS_REGISTRY, useValue: createMetricsRegistry('membership') },
        OutboxMetrics,
        { provide: Clock, useValue: options.clock ?? new SystemClock() },
        Transactions,
        AuditLog,
        MailOutbox,
        MailRedis,
        OutboxListener,
        OutboxRelay,
        MailDeliveriesRepository,
        DeliveryReportProcessor,
        InvitationPolicy,
        OrganizationsRepository,
        OrganizationsService,
        OrganizationDeletionService,
        ScimKeysRepository,
        ScimKeysService,
        ScimKeyLifecycleService,
        MemberSummariesRepository,
        MembersService,
        MembersRepository,
        UsersService,
      ],
      exports: [
        MembershipConfig,
        Clock,
        Transactions,
        AuditLog,
        MailOutbox,
        InvitationPolicy,
        MembersRepository,
      ],
    };
  }
}
