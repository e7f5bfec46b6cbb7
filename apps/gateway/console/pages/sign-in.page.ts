import { html } from '../../web/html';
import type { RenderedPage } from '../../web/send-page';
import type { ConsoleLayout } from '../console-layout';

/** The console's door: the deployment's admin token, nothing else (SPEC §1). */
export function signInPage(
  layout: ConsoleLayout,
  options: { failed?: boolean; signedOut?: boolean } = {},
): RenderedPage {
  return layout.bare(
    options.failed ? 401 : 200,
    'Sign in',
    html`<div class="card">
      <h1>Sign in to Roster</h1>
      <p class="lead">The admin console of this Roster deployment.</p>
      ${
        options.failed
          ? html`<p class="callout error" role="alert">
              That admin token is not valid. Check it and try again.
            </p>`
          : ''
      }
      ${options.signedOut ? html`<p class="callout success" role="status">You are signed out.</p>` : ''}
      <form method="post" action="${layout.urls.signIn}">
        <div class="field">
          <label for="token">Admin token</label>
          <input type="password" id="token" name="token" required autocomplete="current-password" autofocus />
          <p class="hint">The <span class="mono">ADMIN_TOKEN</span> this deployment was started with.</p>
        </div>
        <button type="submit">Sign in</button>
      </form>
    </div>`,
  );
}
