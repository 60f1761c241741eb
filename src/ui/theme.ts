/**
 * The theme: colours, type and shape as CSS custom properties, light by default and dark when
 * the system asks for it. `structure.ts` uses only these variables, so a theme is a set of
 * values, not a second stylesheet.
 */
export const THEME_CSS = `
:root {
  color-scheme: light dark;
  --gh-font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
  --gh-font-size: 1rem;
  --gh-radius: 0.5rem;
  --gh-page: #f4f5f7;
  --gh-surface: #ffffff;
  --gh-text: #1c2024;
  --gh-muted: #555e68;
  --gh-border: #c9ced6;
  --gh-accent: #1d4ed8;
  --gh-accent-hover: #1e40af;
  --gh-on-accent: #ffffff;
  --gh-focus: #f59e0b;
  --gh-error: #b42318;
  --gh-error-surface: #fef3f2;
  --gh-success: #067647;
  --gh-success-surface: #ecfdf3;
}
@media (prefers-color-scheme: dark) {
  :root {
    --gh-page: #0f1115;
    --gh-surface: #181b21;
    --gh-text: #e8eaed;
    --gh-muted: #a3abb5;
    --gh-border: #3a404a;
    --gh-accent: #7aa2ff;
    --gh-accent-hover: #a5c0ff;
    --gh-on-accent: #0b1020;
    --gh-focus: #fbbf24;
    --gh-error: #ff8a80;
    --gh-error-surface: #2a1514;
    --gh-success: #6ce9a6;
    --gh-success-surface: #0f2419;
  }
}
`;

type BrandColours = Readonly<{
  accent?: string | undefined;
  onAccent?: string | undefined;
  accentDark?: string | undefined;
  onAccentDark?: string | undefined;
}>;

/**
 * The brand colours from the settings (`pages.colors`, checked to be `#rgb`/`#rrggbb`, so they
 * cannot carry other CSS) as overrides of the theme's properties; empty when none are set. The
 * hover shade moves away from the page as the defaults do: darker in light, lighter in dark.
 */
export function brandCss(colours: BrandColours): string {
  const block = (accent: string | undefined, onAccent: string | undefined, towards: 'black' | 'white') =>
    (accent
      ? `--gh-accent: ${accent}; --gh-accent-hover: color-mix(in srgb, ${accent} 82%, ${towards});`
      : '') + (onAccent ? ` --gh-on-accent: ${onAccent};` : '');
  const light = block(colours.accent, colours.onAccent, 'black');
  const dark = block(colours.accentDark, colours.onAccentDark, 'white');
  return (
    (light ? `\n:root { ${light} }` : '') +
    (dark ? `\n@media (prefers-color-scheme: dark) { :root { ${dark} } }` : '')
  );
}
