import type { MailKind } from '@roster/contracts';

/** A response as the simulator saw it; status 0 when the request failed or the client gave up. */
export interface Reply {
  status: number;
  retryAfter: string | null;
  body: any;
  error?: string;
}

export interface SendOptions {
  body?: unknown;
  /** The client gives up after this long (the request may still be served): an IdP's timeout. */
  timeoutMs?: number;
}

/** One HTTP request over the loopback, never throwing: a refused connection or a timeout is status 0. */
export async function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  options: SendOptions = {},
): Promise<Reply> {
  try {
    const response = await fetch(url, {
      method,
      headers: options.body === undefined ? headers : { 'content-type': 'application/scim+json', ...headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  } catch (error) {
    return { status: 0, retryAfter: null, body: undefined, error: (error as Error).message };
  }
}

/** What an admin does before pointing an IdP at Roster: an organization, SCIM on, one key. */
export async function provisionOrganization(
  gatewayUrl: string,
  adminToken: string,
  name: string,
): Promise<{ id: string; key: string }> {
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const org = await send(`${gatewayUrl}/api/organizations`, 'POST', admin, { body: { name } });
  if (org.status !== 201) throw new Error(`create organization: ${org.status} ${JSON.stringify(org.body)}`);
  const id = org.body.id as string;
  const scim = await send(`${gatewayUrl}/api/organizations/${id}/scim`, 'PUT', admin, {
    body: { enabled: true },
  });
  if (scim.status !== 200) throw new Error(`enable SCIM: ${scim.status}`);
  const key = await send(`${gatewayUrl}/api/organizations/${id}/scim/keys`, 'POST', admin, { body: {} });
  if (key.status !== 201) throw new Error(`issue key: ${key.status}`);
  return { id, key: key.body.key as string };
}

export interface ModelUser {
  userName: string;
  id?: string;
  /** The address Roster writes to (lower case). */
  email: string;
  active: boolean;
  deleted: boolean;
  /** Emails this user's history calls for (SPEC §4 lifecycle), in order, with their recipient. */
  emails: { kind: MailKind; to: string }[];
}

export interface ModelGroup {
  displayName: string;
  id?: string;
  members: Set<string>;
}

/** A request answered in a way an IdP must never see: 401/404 during an outage, 5xx other than 503... */
export interface Violation {
  what: string;
  status: number;
  detail: string;
}

const RETRYABLE = (status: number) => status === 0 || status === 503;

/**
 * An identity provider that keeps provisioning through outages, as Okta and Entra do: every write is
 * retried until Roster accepts it (a 503 or a dropped request is retried after a short pause — the
 * tests wait less than Retry-After's 5 s to stay short), a POST that answers 409 after a lost reply is
 * resolved with `filter=userName eq`, and the model records what Roster must hold in the end.
 */
export class IdpSimulator {
  readonly users = new Map<string, ModelUser>();
  readonly groups = new Map<string, ModelGroup>();
  /** Status codes of every response, by status. */
  readonly statuses = new Map<number, number>();
  /** 503s without Retry-After, and statuses an IdP would treat as credential or data errors. */
  readonly violations: Violation[] = [];
  retryPauseMs = 200;
  /** Give up retrying one write after this long (a test deadline, not an IdP's). */
  retryDeadlineMs = 90_000;

  constructor(
    private readonly gatewayUrl: string,
    readonly organizationId: string,
    private readonly key: string,
  ) {}

  private get base(): string {
    return `${this.gatewayUrl}/scim/v2/${this.organizationId}`;
  }

  /** One SCIM request, counted and checked against SPEC §2's outage rule. */
  async request(method: string, path: string, options: SendOptions = {}): Promise<Reply> {
    const reply = await send(
      `${this.base}${path}`,
      method,
      { authorization: `Bearer ${this.key}`, 'user-agent': 'Roster fault simulator' },
      options,
    );
    this.statuses.set(reply.status, (this.statuses.get(reply.status) ?? 0) + 1);
    const what = `${method} ${path}`;
    if (reply.status === 503 && !reply.retryAfter) {
      this.violations.push({ what, status: 503, detail: 'no Retry-After' });
    }
    if (reply.status === 401 || (reply.status >= 500 && reply.status !== 503)) {
      this.violations.push({ what, status: reply.status, detail: JSON.stringify(reply.body) });
    }
    return reply;
  }

  /** Repeats `attempt` while Roster is unavailable; returns the first other reply. */
  private async untilSettled(what: string, attempt: () => Promise<Reply>): Promise<Reply> {
    const deadline = Date.now() + this.retryDeadlineMs;
    for (let tries = 1; ; tries++) {
      const reply = await attempt();
      if (!RETRYABLE(reply.status)) return Object.assign(reply, { tries });
      if (Date.now() > deadline) throw new Error(`${what}: still ${reply.status} after ${tries} tries`);
      await new Promise((resolve) => setTimeout(resolve, this.retryPauseMs));
    }
  }

  private unexpected(what: string, reply: Reply): never {
    throw new Error(`${what}: unexpected ${reply.status} ${JSON.stringify(reply.body)}`);
  }

  /** POST /Users until it is there; a 409 after a lost reply is the user an earlier try created. */
  async createUser(userName: string): Promise<ModelUser> {
    const user: ModelUser = {
      userName,
      email: userName.toLowerCase(),
      active: true,
      deleted: false,
      emails: [],
    };
    this.users.set(userName, user);
    const body = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Fault', familyName: 'Tolerant' },
      emails: [{ value: userName, type: 'work', primary: true }],
      active: true,
    };
    let sawLostReply = false;
    const reply = await this.untilSettled(`create ${userName}`, async () => {
      const r = await this.request('POST', '/Users', { body });
      if (RETRYABLE(r.status)) sawLostReply = true;
      return r;
    });
    if (reply.status === 201) user.id = reply.body.id as string;
    else if (reply.status === 409 && sawLostReply) user.id = await this.findUserId(userName);
    else this.unexpected(`create ${userName}`, reply);
    user.emails.push({ kind: 'invitation', to: user.email });
    return user;
  }

  async findUserId(userName: string): Promise<string> {
    const filter = encodeURIComponent(`userName eq "${userName}"`);
    const reply = await this.untilSettled(`find ${userName}`, () =>
      this.request('GET', `/Users?filter=${filter}`),
    );
    if (reply.status !== 200 || reply.body.totalResults !== 1) this.unexpected(`find ${userName}`, reply);
    return reply.body.Resources[0].id as string;
  }

  /** Okta's deactivate/reactivate: PATCH replace active. */
  async setActive(userName: string, active: boolean): Promise<void> {
    const user = this.users.get(userName)!;
    const reply = await this.untilSettled(`active=${active} ${userName}`, () =>
      this.request('PATCH', `/Users/${user.id}`, {
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', value: { active } }],
        },
      }),
    );
    if (reply.status !== 200 && reply.status !== 204) this.unexpected(`active=${active} ${userName}`, reply);
    if (user.active !== active)
      user.emails.push({ kind: active ? 'restored' : 'revocation', to: user.email });
    user.active = active;
  }

  /** DELETE until gone; a 404 after a lost reply means an earlier try deleted it. */
  async deleteUser(userName: string): Promise<void> {
    const user = this.users.get(userName)!;
    let sawLostReply = false;
    const reply = await this.untilSettled(`delete ${userName}`, async () => {
      const r = await this.request('DELETE', `/Users/${user.id}`);
      if (RETRYABLE(r.status)) sawLostReply = true;
      return r;
    });
    if (reply.status !== 204 && !(reply.status === 404 && sawLostReply)) {
      this.unexpected(`delete ${userName}`, reply);
    }
    user.deleted = true;
    user.emails.push({ kind: 'removal', to: user.email });
  }

  async createGroup(displayName: string): Promise<ModelGroup> {
    const group: ModelGroup = { displayName, members: new Set() };
    this.groups.set(displayName, group);
    let sawLostReply = false;
    const reply = await this.untilSettled(`create group ${displayName}`, async () => {
      const r = await this.request('POST', '/Groups', {
        body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, members: [] },
      });
      if (RETRYABLE(r.status)) sawLostReply = true;
      return r;
    });
    if (reply.status === 201) group.id = reply.body.id as string;
    else if (reply.status === 409 && sawLostReply) {
      const filter = encodeURIComponent(`displayName eq "${displayName}"`);
      const found = await this.untilSettled('find group', () =>
        this.request('GET', `/Groups?filter=${filter}`),
      );
      group.id = found.body.Resources[0].id as string;
    } else this.unexpected(`create group ${displayName}`, reply);
    return group;
  }

  /** Okta's Push Groups: PATCH add (or remove) members by value. */
  async changeGroupMembers(displayName: string, op: 'add' | 'remove', userNames: string[]): Promise<void> {
    const group = this.groups.get(displayName)!;
    const ids = userNames.map((name) => this.users.get(name)!.id!);
    const reply = await this.untilSettled(`${op} members of ${displayName}`, () =>
      this.request('PATCH', `/Groups/${group.id}`, {
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op, path: 'members', value: ids.map((value) => ({ value })) }],
        },
      }),
    );
    if (reply.status !== 200 && reply.status !== 204) this.unexpected(`${op} members`, reply);
    for (const id of ids) {
      if (op === 'add') group.members.add(id);
      else group.members.delete(id);
    }
  }

  /** Runs `work` for every item with at most `concurrency` at once (an IdP's connection count). */
  static async pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, items.length) }, async () => {
        while (next < items.length) await work(items[next++]);
      }),
    );
  }
}
