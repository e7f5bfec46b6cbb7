import { AuditEvent } from './audit-event.entity';
import { GroupMember } from './group-member.entity';
import { Group } from './group.entity';
import { MailDelivery } from './mail-delivery.entity';
import { Member } from './member.entity';
import { Organization } from './organization.entity';
import { OutboxMessage } from './outbox-message.entity';
import { ScimApiKey } from './scim-api-key.entity';

export { AuditEvent, Group, GroupMember, MailDelivery, Member, Organization, OutboxMessage, ScimApiKey };

/** Every entity, listed explicitly (DESIGN.md §10.10: no globs for entities). */
export const MEMBERSHIP_ENTITIES = [
  Organization,
  ScimApiKey,
  Member,
  Group,
  GroupMember,
  OutboxMessage,
  MailDelivery,
  AuditEvent,
];
