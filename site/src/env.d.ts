/// <reference types="astro/client" />

// tsc cannot read .astro files (Astro 7 leaves that to its language tools and `astro check`), so
// imports of components from .ts files are typed as what they are at run time: component factories.
declare module '*.astro' {
  import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
  const Component: AstroComponentFactory;
  export default Component;
}

declare module 'nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.js' {
  export function initAll(scope?: Element | Document): void;
}

declare namespace App {
  interface Locals {
    /** The signed-in member, or null (src/middleware/session.ts). */
    viewer: import('./lib/cms/accounts.ts').Viewer | null;
    /** The CMS as this viewer: their token, never cached, refusals as CmsRequestError. */
    cms: import('./lib/cms/member-client.ts').MemberCms;
    /** Sign in, sign out, and the tokens behind `cms`. */
    session: import('./lib/session/session.ts').RequestSession;
    /** This browser's CSRF token for forms (src/middleware/csrf.ts); reading it makes the page personal. */
    csrfToken: string;
    /** Set when the response is for this browser only: no cache may keep it. */
    noStore?: boolean;
  }
}
