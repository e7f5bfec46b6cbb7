import type { SmtpSink } from '@roster/testing';
import { Client } from 'pg';
import type { IdpSimulator } from './idp-simulator';
import type { LogLine } from './roster-processes';

/** A read of membership's database, after the faults: what Roster actually holds. */
export async function withDatabase<T>(url: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

export interface MemberRow {
  id: string;
  user_name: string;
  status: string;
  email: string | null;
}

/**
 * The database equals the simulator's model: exactly the users the IdP did not delete, each with
 * the id the IdP was given, active ones Invited and deactivated ones Revoked, every group with
 * exactly the members the IdP put in it — and nothing half-applied: every member has the delivery
 * row of each email its history called for, every outbox row a delivery row.
 */
export async function expectDatabaseMatchesModel(databaseUrl: string, idp: IdpSimulator): Promise<void> {
  await withDatabase(databaseUrl, async (db) => {
    const org = idp.organizationId;
    const members = (
      await db.query<MemberRow>(
        `SELECT id, user_name, status, email FROM members WHERE organization_id = $1 ORDER BY user_name`,
        [org],
      )
    ).rows;
    const expected = [...idp.users.values()]
      .filter((user) => !user.deleted)
      .sort((a, b) => (a.userName < b.userName ? -1 : 1))
      .map((user) => ({
        id: user.id,
        user_name: user.userName,
        status: user.active ? 'invited' : 'revoked',
        email: user.email,
      }));
    expect(members).toEqual(expected);

    const groups = (
      await db.query<{ id: string; display_name: string; members: string[] }>(
        `SELECT g.id, g.display_name, COALESCE(array_agg(gm.member_id::text) FILTER (WHERE gm.member_id IS NOT NULL), '{}') AS members
           FROM groups g LEFT JOIN group_members gm ON gm.group_id = g.id
          WHERE g.organization_id = $1 GROUP BY g.id, g.display_name ORDER BY g.display_name`,
        [org],
      )
    ).rows.map((g) => ({ ...g, members: [...g.members].sort() }));
    const expectedGroups = [...idp.groups.values()]
      .sort((a, b) => (a.displayName < b.displayName ? -1 : 1))
      .map((g) => ({ id: g.id, display_name: g.displayName, members: [...g.members].sort() }));
    expect(groups).toEqual(expectedGroups);

    // Every email event committed with its delivery row (the outbox's own transaction, DESIGN.md §5.1).
    const orphans = await db.query(
      `SELECT o.id FROM outbox o LEFT JOIN mail_deliveries d ON d.event_id = o.id::text
        WHERE o.organization_id = $1 AND d.event_id IS NULL`,
      [org],
    );
    expect(orphans.rows).toEqual([]);
  });
}

export interface EmailEvent {
  eventId: string;
  kind: string;
  to: string;
  state: string;
}

export async function emailEvents(databaseUrl: string, organizationId: string): Promise<EmailEvent[]> {
  return withDatabase(databaseUrl, async (db) => {
    const rows = await db.query<EmailEvent>(
      `SELECT o.id::text AS "eventId", o.kind, o.payload->>'to' AS "to", d.state
         FROM outbox o JOIN mail_deliveries d ON d.event_id = o.id::text
        WHERE o.organization_id = $1 ORDER BY o.id`,
      [organizationId],
    );
    return rows.rows;
  });
}

/** `kind to` for each email, sorted: the multiset compared between model, outbox and sink. */
const key = (kind: string, to: string) => `${kind} ${to.toLowerCase()}`;

export interface EmailAccount {
  events: EmailEvent[];
  /** Event ids the sink received more than once, with how many times. */
  duplicates: Map<string, number>;
}

/**
 * Exactly one email per event: the outbox holds exactly the emails the model's history calls for (a
 * repeated or retried request added none), and the sink received each of them once — except the
 * events in `bounced` (refused for good by the mail server), which it must not have received at all.
 * Waits until every expected email arrived (or the deadline passes). Duplicates are returned to the
 * caller, which decides what bound applies.
 */
export async function accountForEmails(
  databaseUrl: string,
  idp: IdpSimulator,
  sink: SmtpSink,
  options: { bounced?: Set<string>; timeoutMs?: number } = {},
): Promise<EmailAccount> {
  const bounced = options.bounced ?? new Set<string>();
  const expected = [...idp.users.values()]
    .flatMap((user) => user.emails.map((email) => key(email.kind, email.to)))
    .sort();
  const events = await emailEvents(databaseUrl, idp.organizationId);
  expect(events.map((event) => key(event.kind, event.to)).sort()).toEqual(expected);

  const wanted = events.filter((event) => !bounced.has(event.to.toLowerCase()));
  const ids = new Set(events.map((event) => event.eventId));
  const wantedIds = new Set(wanted.map((event) => event.eventId));
  const received = () => new Set(sink.messages.map((m) => m.headers['x-roster-event-id']));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while ([...wantedIds].some((id) => !received().has(id))) {
    if (Date.now() > deadline) {
      const missing = wanted.filter((event) => !received().has(event.eventId));
      throw new Error(
        `${missing.length} of ${wanted.length} emails never arrived, e.g. ${JSON.stringify(missing.slice(0, 5))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const counts = new Map<string, number>();
  for (const message of sink.messages) {
    const id = message.headers['x-roster-event-id'];
    if (ids.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const event of events) {
    if (bounced.has(event.to.toLowerCase()))
      expect([event.eventId, counts.get(event.eventId) ?? 0]).toEqual([event.eventId, 0]);
  }
  const duplicates = new Map([...counts].filter(([, n]) => n > 1));
  return { events, duplicates };
}

/** Mailer log lines saying an event's email went out (one per send). */
export function sentLogLines(logs: LogLine[], eventId: string): LogLine[] {
  return logs.filter(
    (line) => line.app === 'mailer' && line.msg === 'email sent' && line.eventId === eventId,
  );
}
