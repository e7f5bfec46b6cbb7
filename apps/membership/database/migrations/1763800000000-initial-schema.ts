import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema of membership (DESIGN.md §4). Uniqueness rules live here, in indexes, so that
 * concurrent requests cannot both win: userName per organization (canonical form, computed by
 * libs/scim), group displayName per organization, key digests.
 */
export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        scim_enabled boolean NOT NULL DEFAULT false,
        auto_confirm boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE scim_api_keys (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        display_prefix text NOT NULL,
        digest char(64) NOT NULL CONSTRAINT scim_api_keys_digest_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX scim_api_keys_organization_idx ON scim_api_keys (organization_id)`);

    // Deleted members are hard-deleted (kept only in audit_events), so the unique index needs no
    // WHERE clause and a deleted userName is free again at once.
    await db.query(`
      CREATE TABLE members (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('invited', 'accepted', 'confirmed', 'revoked')),
        status_before_revoke text CHECK (status_before_revoke IN ('invited', 'accepted', 'confirmed')),
        user_name text NOT NULL,
        user_name_canonical text NOT NULL,
        email text,
        external_id text,
        display_name text,
        given_name text,
        family_name text,
        attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
        invitation_nonce text,
        invitation_issued_at timestamptz,
        invitation_expires_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT members_user_name_canonical_key UNIQUE (organization_id, user_name_canonical),
        CONSTRAINT members_revoked_keeps_previous_status
          CHECK ((status = 'revoked') = (status_before_revoke IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX members_external_id_idx ON members (organization_id, external_id)`);
    await db.query(`CREATE INDEX members_email_idx ON members (organization_id, email)`);
    // The stable order of every list (SPEC §3: ordering is stable).
    await db.query(`CREATE INDEX members_created_idx ON members (organization_id, created_at, id)`);

    await db.query(`
      CREATE TABLE groups (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        display_name text NOT NULL,
        display_name_canonical text NOT NULL,
        external_id text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT groups_display_name_canonical_key UNIQUE (organization_id, display_name_canonical)
      )`);
    await db.query(`CREATE INDEX groups_external_id_idx ON groups (organization_id, external_id)`);
    await db.query(`CREATE INDEX groups_created_idx ON groups (organization_id, created_at, id)`);

    await db.query(`
      CREATE TABLE group_members (
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES members (id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, member_id)
      )`);
    await db.query(`CREATE INDEX group_members_member_idx ON group_members (member_id)`);

    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    // The relay only ever reads undispatched rows; the index stays as small as the backlog.
    await db.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL`);

    await db.query(`
      CREATE TABLE mail_deliveries (
        event_id text PRIMARY KEY,
        organization_id uuid NOT NULL,
        member_id uuid NOT NULL,
        kind text NOT NULL,
        recipient text NOT NULL,
        state text NOT NULL CHECK (state IN ('queued', 'sent', 'retrying', 'bounced')),
        attempts int NOT NULL DEFAULT 0,
        detail text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX mail_deliveries_member_idx ON mail_deliveries (member_id)`);

    await db.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        resource_type text NOT NULL,
        resource_id text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX audit_events_organization_idx ON audit_events (organization_id, created_at)`,
    );

    // Filters compare dateTime attributes stored as sent (jsonb strings); a malformed value must
    // not match rather than fail the whole query with a cast error.
    await db.query(`
      CREATE FUNCTION roster_try_timestamptz(value text) RETURNS timestamptz
      LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN value::timestamptz;
      EXCEPTION WHEN others THEN
        RETURN NULL;
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION roster_try_timestamptz(text)`);
    for (const table of [
      'audit_events',
      'mail_deliveries',
      'outbox',
      'group_members',
      'groups',
      'members',
      'scim_api_keys',
      'organizations',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
