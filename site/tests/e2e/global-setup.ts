import type { TestProject } from 'vitest/node';
import { freePorts, startStack, type Stack } from '../../../scripts/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    cmsUrl: string;
    stackEnv: Record<string, string>;
  }
}

let stack: Stack | undefined;

export async function setup(project: TestProject) {
  const [cmsPort, sitePort] = await freePorts(2);
  stack = await startStack({
    // Ports the OS says are free, so a leftover process on a fixed port cannot fail the run.
    cmsPort: Number(process.env.E2E_CMS_PORT ?? cmsPort),
    sitePort: Number(process.env.E2E_SITE_PORT ?? sitePort),
    // Always test the site as built from this tree.
    rebuildSite: true,
    log: (line) => {
      if (process.env.E2E_VERBOSE) console.log(line);
    },
  });
  project.provide('siteUrl', stack.siteUrl);
  project.provide('cmsUrl', stack.cmsUrl);
  project.provide('stackEnv', stack.env);
}

export async function teardown() {
  await stack?.stop();
}
