import { Module } from '@nestjs/common';
import { ProvisioningLogPurger } from './provisioning-log.purger';
import { ProvisioningLogRepository } from './provisioning-log.repository';
import { ProvisioningLogRpcController } from './provisioning-log.rpc-controller';
import { ProvisioningLogService } from './provisioning-log.service';

/** The provisioning log (SPEC §1): recorded by the gateway, stored and purged here, read by admins. */
@Module({
  controllers: [ProvisioningLogRpcController],
  providers: [ProvisioningLogRepository, ProvisioningLogService, ProvisioningLogPurger],
  exports: [ProvisioningLogPurger],
})
export class ProvisioningLogModule {}
