import { Module } from '@nestjs/common';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { GroupsRepository } from './groups.repository';
import { GroupsRpcController } from './groups.rpc-controller';
import { GroupsService } from './groups.service';

/** SCIM groups and their members (SPEC §5), served over NATS. */
@Module({
  controllers: [GroupsRpcController],
  providers: [GroupsService, GroupsRepository, OrganizationsRepository],
  exports: [GroupsService],
})
export class GroupsModule {}
