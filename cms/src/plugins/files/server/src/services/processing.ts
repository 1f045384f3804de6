import type { Core } from '@strapi/strapi';
import { EXTRACT_JOB, VERSION_UID, WORKSPACE_UID } from '../constants';
import { siteChanged } from './site-changed';
import { extractTextApart, scannerFromEnv } from '../inspection';
import { accounts, getService, jobs } from '../utils';

/** Text kept per version for search: enough for every word a member would search a paper by. */
const TEXT_MAX_CHARS = 200_000;

/**
 * What happens to a version after it is stored, in the background (the jobs plugin: stored with
 * the version, retried, run once across instances): the virus check where scanning is on
 * (CLAMD_SOCKET or CLAMD_HOST), then its text for search (PDF and DOCX). A scanner that cannot be
 * reached leaves the version `failed` and the job retries; nobody downloads it meanwhile.
 */
export const processingService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async enqueue(versionId: number): Promise<void> {
    await jobs(strapi).enqueue(EXTRACT_JOB, { versionId }, { key: `files-version-${versionId}` });
  },

  define() {
    jobs(strapi).define<{ versionId: number }>(EXTRACT_JOB, async ({ versionId }) => this.process(versionId), { maxAttempts: 10 });
  },

  async process(versionId: number): Promise<void> {
    const versions = strapi.db.query(VERSION_UID);
    const version = (await versions.findOne({ where: { id: versionId } })) as any;
    if (!version) return;
    const served = await getService(strapi, 'stored').served(version.storedFileId, version.mime);
    if (!served) return;
    const stored = getService(strapi, 'stored');
    if (version.scan === 'pending' || version.scan === 'failed') {
      const scanner = scannerFromEnv();
      if (scanner) {
        try {
          const verdict = await stored.withLocalPath(served, (path) => scanner.scan(path));
          if (!verdict) return;
          await versions.update({ where: { id: versionId }, data: { scan: verdict.clean ? 'clean' : 'infected', scanSignature: verdict.signature } });
          // File lists on pages say "being checked" until now.
          const workspace = (await strapi.db.query(WORKSPACE_UID).findOne({ select: ['slug'], where: { id: version.workspaceId } })) as { slug: string } | null;
          if (workspace) await siteChanged(strapi, workspace, 'virus check finished');
          if (!verdict.clean) {
            await accounts(strapi).audit.record({
              action: 'file.infected',
              actorId: null,
              workspaceId: version.workspaceId,
              details: { itemId: version.itemId, version: version.number, signature: verdict.signature },
            });
            return;
          }
        } catch (error) {
          await versions.update({ where: { id: versionId }, data: { scan: 'failed' } });
          throw error;
        }
      }
    }
    if (!version.textExtracted) {
      const kind = version.mime === 'application/pdf' ? 'pdf' : version.ext === '.docx' ? 'docx' : null;
      const text = kind ? ((await stored.withLocalPath(served, (path) => extractTextApart(path, kind, { maxChars: TEXT_MAX_CHARS }))) ?? '') : '';
      await versions.update({ where: { id: versionId }, data: { text: text || null, textExtracted: true } });
    }
  },
});

export type ProcessingService = ReturnType<typeof processingService>;
