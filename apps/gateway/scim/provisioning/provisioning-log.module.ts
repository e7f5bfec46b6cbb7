import { Module } from '@nestjs/common';
import { ProvisioningLogHook } from './provisioning-log.hook';
import { ProvisioningLogRecorder } from './provisioning-log.recorder';

/** Records every SCIM request for the provisioning log; membership stores it (SPEC §1). */
@Module({
  providers: [ProvisioningLogRecorder, ProvisioningLogHook],
  exports: [ProvisioningLogRecorder],
})
export class ProvisioningLogModule {}
