/**
 * Settings of the hosted pages and the admin console (docs/pages.md): whether they are served,
 * the product's name, logo, brand colours and theme stylesheet, template overrides, and the
 * console. Asset URLs and colours are checked strictly here because they end up in the page's
 * CSP and stylesheet.
 */
import { z } from 'zod';

/** A page asset: an absolute http(s) URL, or a path on this server (not `//host`). */
const assetUrl = z.union([
  z.url({ protocol: /^https?$/ }),
  z.string().regex(/^\/(?![/\\])[^\s"'<>;,]*$/, 'an http(s) URL or a path starting with /'),
]);
/** A colour the theme takes as is: `#rgb` or `#rrggbb` only, so it cannot carry other CSS. */
const hexColour = z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'a colour such as #1d4ed8');
export const pagesSettings = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** The name shown on pages and in mails. */
    productName: z.string().min(1).max(100).default('Gatehouse'),
    /** A logo shown above every page: an http(s) URL, or a path on this server (`/logo.svg`). */
    logoUrl: assetUrl.optional(),
    /** A stylesheet loaded after Gatehouse's own, to set the theme's custom properties (docs/pages.md). */
    themeCssUrl: assetUrl.optional(),
    /** Brand colours (`#rrggbb`); the `Dark` ones apply when the system is dark. */
    colors: z
      .strictObject({
        accent: hexColour.optional(),
        onAccent: hexColour.optional(),
        accentDark: hexColour.optional(),
        onAccentDark: hexColour.optional(),
      })
      .prefault({}),
    /** A directory of templates replacing whole pages or the layout (docs/pages.md). */
    templatesDir: z.string().min(1).optional(),
    /** The admin console under `/console` (operators only). */
    console: z.boolean().default(true),
  })
  .prefault({});
