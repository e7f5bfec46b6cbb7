import type { FastifyReply } from 'fastify';
import { PAGE_SECURITY_HEADERS } from './page-security-headers';

/** A page ready to send: its status and its markup (headers: page-security-headers.ts). */
export interface RenderedPage {
  status: number;
  html: string;
}

/** Sends a page with the security headers every server-rendered page carries. */
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
