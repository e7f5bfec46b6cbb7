import type { FastifyReply } from 'fastify';
import type { RenderedPage } from './invitation-pages';
import { PAGE_SECURITY_HEADERS } from './page-security-headers';

/** Sends a page with the security headers every invitation page carries. */
export function sendPage(
  reply: FastifyReply,
  page: RenderedPage,
  extraHeaders: Record<string, string> = {},
): void {
  void reply
    .code(page.status)
    .headers({ ...PAGE_SECURITY_HEADERS, ...extraHeaders })
    .send(page.html);
}
