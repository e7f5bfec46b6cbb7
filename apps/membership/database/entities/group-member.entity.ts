import { Entity, PrimaryColumn } from 'typeorm';

/** Membership of a member in a group; changed only by set operations in SQL (DESIGN.md §4). */
@Entity('group_members')
export class GroupMember {
  @PrimaryColumn('uuid', { name: 'group_id' }) groupId!: string;
  @PrimaryColumn('uuid', { name: 'member_id' }) memberId!: string;
}
