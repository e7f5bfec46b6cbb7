import { html } from '../../web/html';
import type { RenderedPage } from '../../web/send-page';
import type { ConsoleLayout } from '../console-layout';

/** One page for whatever went wrong: the status, a plain sentence, and a way back. */
export function errorPage(
  layout: ConsoleLayout,
  status: number,
  title: string,
  message: string,
): RenderedPage {
  return layout.bare(
    status,
    title,
    html`<div class="card">
      <h1>${title}</h1>
      <p>${message}</p>
      <p><a href="${layout.urls.organizations}">Back to the organizations</a></p>
    </div>`,
  );
}
