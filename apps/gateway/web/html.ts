/** Markup that is already safe: built by `html` from escaped values, or our own constant text. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text made safe for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (character) => ESCAPES[character]);
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * The one way the gateway's pages build HTML: every interpolated value is escaped unless it is
 * itself SafeHtml, so a user-controlled string (an organization named `<script>`) can only ever
 * show up as text.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let markup = strings[0];
  values.forEach((value, index) => {
    markup += render(value) + strings[index + 1];
  });
  return new SafeHtml(markup);
}

/** ` name="value"` (escaped), or nothing when the value is absent: for optional attributes. */
export function attr(name: string, value: string | null | undefined | false): SafeHtml {
  return value === null || value === undefined || value === false
    ? new SafeHtml('')
    : new SafeHtml(` ${name}="${escapeHtml(value)}"`);
}
