import type { FastifyReply } from 'fastify';
import { CONSOLE_CONTENT_SECURITY_POLICY } from '../web/page-security-headers';
import { sendPage, type RenderedPage } from '../web/send-page';

/** Sends a console page: the pages' security headers with the console's own script allowed. */
export function sendConsolePage(
  reply: FastifyReply,
  page: RenderedPage,
  headers: Record<string, string> = {},
): void {
  sendPage(reply, page, { 'content-security-policy': CONSOLE_CONTENT_SECURITY_POLICY, ...headers });
}

/** After a form post: 303, so a reload shows the page again instead of repeating the post. */
export function redirectTo(reply: FastifyReply, url: string): void {
  void reply.code(303).header('location', url).header('cache-control', 'no-store').send();
}

/** Fixed confirmations a redirect may name (`?notice=`): never text from the request. */
export const CONSOLE_NOTICES: Readonly<Record<string, string>> = {
  saved: 'Your changes were saved.',
  created: 'The organization was created. Enable SCIM and issue a key to connect your identity provider.',
  revoked: 'The key was revoked: identity providers using it are refused from now on.',
  confirmed: 'The member was confirmed and told by email that they have access.',
  resent: 'A new invitation was sent. Links in earlier invitations no longer work.',
};

export function noticeText(code: unknown): string | undefined {
  return typeof code === 'string' && Object.hasOwn(CONSOLE_NOTICES, code) ? CONSOLE_NOTICES[code] : undefined;
}
