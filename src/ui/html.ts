/**
 * The page renderer: an `html` tagged template that escapes every interpolated value unless it
 * is already `SafeHtml` — what another `html` template or `raw()` made. Arrays are rendered item
 * by item; `null`, `undefined` and `false` render nothing, so `${cond && html`…`}` works.
 *
 * Escaping covers text and quoted attribute values (`&`, `<`, `>`, `"`, `'`), so attributes in
 * templates are always quoted. It does not make a value safe inside `<style>`, an event
 * handler or a URL attribute: templates put only our own paths there, never input.
 *
 * @example
 * const name = '<script>';
 * render(html`<p title="${name}">Hello ${name}</p>`);
 * // '<p title="&lt;script&gt;">Hello &lt;script&gt;</p>'
 */

/** Markup that is safe to emit as is. Only `html` and `raw` make one. */
export class SafeHtml {
  readonly #markup: string;
  /** @internal use `html` or `raw` */
  constructor(markup: string) {
    this.#markup = markup;
  }
  toString(): string {
    return this.#markup;
  }
}

/** What a template may interpolate. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function append(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(append).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Builds markup from a template; every interpolated value is escaped unless it is `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += append(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Trusted markup (our own CSS, a fixed fragment), never input. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

/** The markup as a string, for the response body. */
export function render(markup: SafeHtml): string {
  return markup.toString();
}
