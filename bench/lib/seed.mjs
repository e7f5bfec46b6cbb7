// Seeds users straight into PostgreSQL for the large W2 tiers: one user is created over SCIM as a
// template (so the row is exactly what membership writes for that body), then copied set-based with
// INSERT ... SELECT generate_series, `seedindex` in every text replaced by the row's number. Each
// copy also gets the audit row membership writes for a create. Seeded users are Confirmed members
// (no invitation is pending, so nothing is emailed), as in a directory that has been synced before.
import pg from 'pg';
import { userBody } from './scim.mjs';

const CHUNK = 100_000;
export const SEED_DOMAIN = 'seed.bench.test';

/** userName of seeded user `i` (1-based). */
export const seededUserName = (i) => `w2-user-${i}@${SEED_DOMAIN}`;

export async function createSeeder(databaseUrl, org) {
  // active: false, so the template itself sends no invitation; it is deleted once copied from.
  const template = await org.request(
    'POST',
    '/Users',
    userBody('w2-user-seedindex', SEED_DOMAIN, { active: false }),
    201,
  );
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'roster-bench-seed' });
  await client.connect();
  const row = (await client.query(`SELECT * FROM members WHERE id = $1`, [template.id])).rows[0];
  const templateRow = { ...row };
  await org.request('DELETE', `/Users/${template.id}`, undefined, 204);
  let seeded = 0;
  const startedAt = Date.now();
  return {
    get count() {
      return seeded;
    },
    /** Grows the organization to `total` seeded users; returns the seconds it took. */
    async growTo(total) {
      const started = performance.now();
      while (seeded < total) {
        const to = Math.min(total, seeded + CHUNK);
        await client.query(
          `WITH inserted AS (
             INSERT INTO members (id, organization_id, status, status_before_revoke, user_name, user_name_canonical,
                                  email, external_id, display_name, given_name, family_name, attributes,
                                  version, created_at, updated_at)
             SELECT gen_random_uuid(), $1, 'confirmed', NULL,
                    replace($2, 'seedindex', i::text), replace($3, 'seedindex', i::text),
                    replace($4, 'seedindex', i::text), replace($5, 'seedindex', i::text),
                    replace($6, 'seedindex', i::text), $7, replace($8, 'seedindex', i::text),
                    replace($9::text, 'seedindex', i::text)::jsonb,
                    1, to_timestamp($10::double precision / 1000) + i * interval '1 microsecond',
                    to_timestamp($10::double precision / 1000) + i * interval '1 microsecond'
               FROM generate_series($11::int, $12::int) AS i
             RETURNING id, organization_id, created_at)
           INSERT INTO audit_events (organization_id, actor, action, resource_type, resource_id, data, created_at)
           SELECT organization_id, 'scim', 'member.created', 'user', id::text, '{"status":"confirmed"}', created_at
             FROM inserted`,
          [
            templateRow.organization_id,
            templateRow.user_name,
            templateRow.user_name_canonical,
            templateRow.email,
            templateRow.external_id,
            templateRow.display_name,
            templateRow.given_name,
            templateRow.family_name,
            JSON.stringify(templateRow.attributes),
            startedAt,
            seeded + 1,
            to,
          ],
        );
        seeded = to;
      }
      // What autovacuum would have done to a table this size before anyone queried it.
      await client.query('VACUUM ANALYZE members');
      return (performance.now() - started) / 1000;
    },
    close: () => client.end(),
  };
}
