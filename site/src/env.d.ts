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
