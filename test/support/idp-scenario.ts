import { adminClient, request, startTestStack, type HttpResult, type TestStack } from '@roster/testing';
import { MailKind } from '@roster/contracts';

/**
 * What an IdP dialect test needs (issue 4 item 8): the whole stack, one organization, a client that
 * sends the headers that IdP sends, and the mailbox read per recipient and per kind of email.
 */

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The headers one IdP puts on every request, and the content type of its request bodies. */
export interface IdpDialect {
  headers: Record<string, string>;
  contentType: string;
}

export interface IdpScenario {
  stack: TestStack;
  organization: { id: string; name: string; key: string };
  /** Sends a request as the IdP would: its headers, its body content type, the org's key. */
  send(method: Method, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  /** The member as the admin sees it (status, statusBeforeRevoke...), or undefined once removed. */
  member(id: string): Promise<Record<string, unknown> | undefined>;
  mail: Mailbox;
  close(): Promise<void>;
}

export async function startIdpScenario(organizationName: string, dialect: IdpDialect): Promise<IdpScenario> {
  const stack = await startTestStack();
  try {
    const admin = adminClient(stack);
    const organization = await admin.provisionOrganization(organizationName);
    const base = `/scim/v2/${organization.id}`;
    return {
      stack,
      organization,
      send: (method, path, body, headers = {}) =>
        request(stack.gateway, method, `${base}${path}`, {
          body,
          headers: {
            authorization: `Bearer ${organization.key}`,
            ...dialect.headers,
            ...(body === undefined ? {} : { 'content-type': dialect.contentType }),
            ...headers,
          },
        }),
      async member(id) {
        const res = await admin.send('GET', `/api/organizations/${organization.id}/members`);
        if (res.status !== 200) throw new Error(`list members: ${res.status} ${res.text}`);
        return (res.body.members as Record<string, unknown>[]).find((member) => member.id === id);
      },
      mail: mailbox(stack),
      close: () => stack.close(),
    };
  } catch (error) {
    await stack.close();
    throw error;
  }
}

/** `?filter=...` with the expression URL-encoded, as every IdP sends it. */
export const filterQuery = (expression: string, extra = ''): string =>
  `?filter=${encodeURIComponent(expression)}${extra}`;

export const patchOp = (...operations: Record<string, unknown>[]) => ({
  schemas: [PATCH_OP],
  Operations: operations,
});

const SUBJECT_KINDS: readonly [RegExp, MailKind][] = [
  [/^You are invited to join /, MailKind.invitation],
  [/ was revoked$/, MailKind.revocation],
  [/ was restored$/, MailKind.restored],
  [/^You were removed from /, MailKind.removal],
];

export interface Mailbox {
  /** The kinds of email received by `address` so far, in order of arrival. */
  kinds(address: string): (MailKind | 'other')[];
  /** Waits until `address` has received exactly `kinds` (in order), then checks nothing else comes. */
  expectExactly(address: string, kinds: readonly MailKind[]): Promise<void>;
}

function mailbox(stack: TestStack): Mailbox {
  const to = (address: string) => (message: { to: string[] }) => message.to.includes(address.toLowerCase());
  const kinds = (address: string) =>
    stack.sink.messages
      .filter(to(address))
      .map((message) => SUBJECT_KINDS.find(([subject]) => subject.test(message.subject))?.[1] ?? 'other');
  return {
    kinds,
    async expectExactly(address, expected) {
      if (expected.length > 0) await stack.sink.waitForCount(expected.length, to(address));
      // The outbox relay polls every 200 ms in tests, so a duplicate sent with the expected email is here
      // by now; one that comes later still breaks the next step's check, which lists every email so far.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(kinds(address)).toEqual(expected);
    },
  };
}
