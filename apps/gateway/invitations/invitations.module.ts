import { Module } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway.config';
import { InvitationAcceptanceClient } from './invitation-acceptance.client';
import { InvitationPageController } from './invitation-page.controller';
import { InvitationPages, InvitationPageUrls } from './invitation-pages';

/** The invited person's pages (SPEC §7): see an invitation, accept it. */
@Module({
  controllers: [InvitationPageController],
  providers: [
    InvitationAcceptanceClient,
    {
      provide: InvitationPages,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => new InvitationPages(new InvitationPageUrls(config.PUBLIC_URL)),
    },
  ],
})
export class InvitationsModule {}
