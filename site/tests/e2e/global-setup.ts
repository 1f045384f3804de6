import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePorts, startStack, type Stack } from '../../../scripts/stack.ts';
import { startMailServer, type MailServer } from './mail.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
    cmsUrl: string;
    stackEnv: Record<string, string>;
    /** The arguments to node that run the built site, for tests that start another instance of it. */
    siteCommand: string[];
    /** Where every mail the CMS sent is saved (see mail.ts). */
    mailDir: string;
    /** Whether the stack built the CMS's admin panel (cms/dist/build): only when an admin-*.test.ts file runs. */
    adminPanelBuilt: boolean;
  }
}

/**
 * Whether this run includes a file that serves the admin panel (admin-*.test.ts): the panel's
 * build takes minutes, so the stack makes it, alongside the site's, only then. A file that finds
 * it missing (a run this did not foresee) builds it itself.
 */
async function runsAdminPanelTests(project: TestProject): Promise<boolean> {
  // The file filters given on the command line (`vitest run admin`): vitest keeps them on its
  // instance without typing them.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const specifications = await project.vitest.globTestSpecifications(filters);
  return specifications.some((specification) => specification.project.name === project.name && /\/admin-[^/]*\.test\.ts$/.test(specification.moduleId));
}

let stack: Stack | undefined;
let mail: MailServer | undefined;
let mailDir: string | undefined;

export async function setup(project: TestProject) {
  const [cmsPort, sitePort] = await freePorts(2);
  // The CMS mails over real SMTP to a server in this process; tests read what arrives.
  mailDir = mkdtempSync(join(tmpdir(), 'futurenhs-e2e-mail-'));
  mail = await startMailServer(mailDir);
  const adminPanel = await runsAdminPanelTests(project);
  stack = await startStack({
    // A 2 MB upload limit (FILES_MAX_MB), so the files tests reach "too large" with small files.
    env: { ...mail.env, FILES_MAX_MB: '2' },
    // Tests may give a browser context an address of its own (X-Forwarded-For), so the site's
    // per-address rate limits do not count the whole run as one visitor. The CMS does not trust
    // the header: the site vouches for each visitor's address in a signed header of its own.
    siteEnv: { TRUST_PROXY: 'true' },
    // Ports the OS says are free, so a leftover process on a fixed port cannot fail the run.
    cmsPort: Number(process.env.E2E_CMS_PORT ?? cmsPort),
    sitePort: Number(process.env.E2E_SITE_PORT ?? sitePort),
    // Always test the site as built from this tree.
    rebuildSite: true,
    adminPanel,
    log: (line) => {
      if (process.env.E2E_VERBOSE) console.log(line);
    },
  });
  project.provide('siteUrl', stack.siteUrl);
  project.provide('cmsUrl', stack.cmsUrl);
  project.provide('stackEnv', stack.env);
  project.provide('siteCommand', stack.siteCommand);
  project.provide('mailDir', mailDir);
  project.provide('adminPanelBuilt', adminPanel);
}

export async function teardown() {
  await stack?.stop();
  await mail?.close();
  if (mailDir) rmSync(mailDir, { recursive: true, force: true });
}
