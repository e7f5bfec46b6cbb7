import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A group's version and lastModified change whenever its member set does (SPEC §3 "Versioning"),
 * also when a user leaves it by being deleted: the foreign key's ON DELETE CASCADE removes the
 * group_members rows without any code of the groups feature running, so this trigger bumps the
 * groups the user was in, whatever deletes the user. Group commands bump versions themselves; they
 * never delete members rows, so no change is counted twice.
 *
 * Lock order stays deadlock-free: a user deletion locks the user, then its groups; a group command
 * share-locks the users it adds before it locks the group (GroupsRepository.lockUsers).
 */
export class GroupVersionOnMemberDelete1764612345000 implements MigrationInterface {
  name = 'GroupVersionOnMemberDelete1764612345000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION roster_bump_groups_of_deleted_member() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        -- in id order, so two deletions of users sharing groups cannot lock them crosswise
        PERFORM 1 FROM groups WHERE id IN (SELECT group_id FROM group_members WHERE member_id = OLD.id)
          ORDER BY id FOR UPDATE;
        UPDATE groups SET version = version + 1, updated_at = now()
         WHERE id IN (SELECT group_id FROM group_members WHERE member_id = OLD.id);
        RETURN OLD;
      END
      $$`);
    await db.query(`
      CREATE TRIGGER members_deleted_bump_groups BEFORE DELETE ON members
      FOR EACH ROW EXECUTE FUNCTION roster_bump_groups_of_deleted_member()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER members_deleted_bump_groups ON members`);
    await db.query(`DROP FUNCTION roster_bump_groups_of_deleted_member()`);
  }
}
