/** The page renderer: interpolated values are escaped unless they are markup we made. */
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, render, SafeHtml } from '../../src/ui/html.js';

describe('html templates', () => {
  it('escapes text and attribute values', () => {
    const evil = `<script>alert("x")</script>' onmouseover='y' &amp;`;
    expect(render(html`<p title="${evil}">${evil}</p>`)).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y&#39; &amp;amp;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y&#39; &amp;amp;</p>',
    );
  });

  it('keeps nested templates and raw() as they are, and escapes inside them', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(render(html`<div>${inner}${raw('<hr>')}</div>`)).toBe('<div><b>&lt;i&gt;</b><hr></div>');
  });

  it('renders arrays item by item and skips null, undefined and false', () => {
    const items = ['a<', html`<em>b</em>`, null, undefined, false, 3];
    expect(render(html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`)).toBe(
      '<ul><li>a&lt;</li><li><em>b</em></li><li></li><li></li><li></li><li>3</li></ul>',
    );
    expect(render(html`${false && html`<p>hidden</p>`}${null}${undefined}`)).toBe('');
  });

  it('does not take a look-alike object for markup', () => {
    const forged = { toString: () => '<script>' } as unknown as string;
    expect(render(html`${forged}`)).toBe('&lt;script&gt;');
    expect(html``).toBeInstanceOf(SafeHtml);
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
