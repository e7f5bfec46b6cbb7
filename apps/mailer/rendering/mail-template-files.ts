import { MAIL_KINDS, type MailKind } from '@roster/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MailTemplateSources } from './mail-renderer';

/** apps/mailer/templates in the sources; the build copies it beside the JS (scripts/build.mjs). */
export const MAIL_TEMPLATE_DIR = join(__dirname, '..', 'templates');

/** Reads `<kind>.html.hbs`, `<kind>.text.hbs` of every kind and `layout.html.hbs`; throws if one is missing. */
export function readMailTemplates(dir: string = MAIL_TEMPLATE_DIR): MailTemplateSources {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const kinds = Object.fromEntries(
    MAIL_KINDS.map((kind) => [kind, { html: read(`${kind}.html.hbs`), text: read(`${kind}.text.hbs`) }]),
  ) as Record<MailKind, { html: string; text: string }>;
  return { layoutHtml: read('layout.html.hbs'), kinds };
}
