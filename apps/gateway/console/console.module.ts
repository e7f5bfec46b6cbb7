import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module';
import { GatewayConfig } from '../config/gateway.config';
import { ConsoleAuth, ConsoleSessionGuard } from './console-auth';
import { ConsoleController } from './console.controller';
import { ConsoleLayout } from './console-layout';
import { ConsolePageFilter } from './console-page.filter';
import { ConsoleSessions } from './console-session';
import { ConsoleUrls } from './console-urls';
import { OrganizationConsoleController } from './organization-console.controller';

/**
 * The admin console at `PUBLIC_URL/admin` (issue 5 §4): server-rendered pages over the admin API's
 * services, a signed-cookie session, CSRF tokens on every form. Cookies: registerConsoleCookies.
 */
@Module({
  imports: [AdminModule],
  controllers: [ConsoleController, OrganizationConsoleController],
  providers: [
    {
      provide: ConsoleSessions,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => new ConsoleSessions(config.ADMIN_TOKEN),
    },
    {
      provide: ConsoleUrls,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => new ConsoleUrls(config.PUBLIC_URL),
    },
    {
      provide: ConsoleLayout,
      inject: [ConsoleUrls],
      useFactory: (urls: ConsoleUrls) => new ConsoleLayout(urls),
    },
    ConsoleAuth,
    ConsoleSessionGuard,
    ConsolePageFilter,
  ],
})
export class ConsoleModule {}
