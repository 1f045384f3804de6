/// <reference types="astro/client" />

// tsc cannot read .astro files (Astro 7 leaves that to its language tools and `astro check`), so
// imports of renderers are typed here as what they are at run time: Astro component factories.
declare module '*.astro' {
  const Component: (props: Record<string, any>) => any;
  export default Component;
}
