import { z } from 'zod';
import { folderRefSchema, folderViewSchema, itemSummarySchema, type FileSort, type SortOrder } from '@futurenhs/contract';
import { defineLiveLoader } from '../live.ts';
import type { BlockOf } from '../types.ts';
import type { FileListSort } from './schema.ts';

/**
 * What the file-list block needs at render time besides its stored fields: the chosen folder's
 * files as the files plugin lists them (contract/src/files.ts), read with the viewer's own CMS
 * client after the site has checked they may read the workspace, so the plugin's access rules
 * answer too. Only what every reader of the workspace sees alike is kept (no `can`: that is the
 * asker's), since the site shares the answer between readers.
 */
export const fileCardSchema = itemSummarySchema.pick({ id: true, kind: true, name: true, label: true, size: true, updatedAt: true, scan: true });
export type FileCard = z.output<typeof fileCardSchema>;

export const fileListLiveSchema = z.object({
  workspaceSlug: z.string(),
  /** The folder shown; null for the top level (or a folder that is gone). */
  folder: folderRefSchema.nullable(),
  files: z.array(fileCardSchema),
  /** The folder is gone (deleted, in the recycle bin) or not this workspace's. */
  missing: z.boolean(),
});
export type FileListLive = z.output<typeof fileListLiveSchema>;

/** The folder page's answer, trimmed to what the block shows. */
export const folderFilesSchema = folderViewSchema.transform(({ data }) => ({
  folder: data.folder ? { id: data.folder.id, name: data.folder.name } : null,
  files: data.items.map((item) => fileCardSchema.parse(item)),
}));

const ORDER: Record<FileListSort, { sort: FileSort; order: SortOrder }> = {
  newest: { sort: 'date', order: 'desc' },
  name: { sort: 'name', order: 'asc' },
};

export function fileListPath(slug: string, folder: number | null, sort: FileListSort, pageSize: number): string {
  const query = new URLSearchParams({ ...ORDER[sort], pageSize: String(pageSize) });
  return `/api/files/workspaces/${encodeURIComponent(slug)}/folders/${folder ?? 'root'}?${query}`;
}

/**
 * What a page's rendered copy of the blocks depends on, for the shared fragment's key: an upload,
 * a new version, a rename, a deletion or a finished virus check changes it.
 */
export function fileListFingerprint(live: Pick<FileListLive, 'folder' | 'files' | 'missing'>): string {
  if (live.missing) return 'missing';
  const files = live.files.map((file) => `${file.id}@${file.updatedAt}#${file.size}~${file.scan}:${file.name}`).join(',');
  return `${live.folder ? `${live.folder.id}:${live.folder.name}` : 'root'}[${files}]`;
}

/** A CMS refusal the loader expects: the folder is not there (the site's client throws with the HTTP status). */
const isNotFound = (error: unknown) => (error as { status?: unknown } | null)?.status === 404;

type FileListBlock = BlockOf<'blocks.file-list'>;
const requestKey = (block: FileListBlock) => `${block.folder ?? 'root'}:${block.sort}`;

/**
 * One request per folder and order on the page, for the largest count among its blocks; each
 * block shows its own number. A folder that is gone answers 404: its blocks say so rather than
 * leaving the page's other live blocks out.
 */
export const fileListLoader = defineLiveLoader({
  uid: 'blocks.file-list',
  label: 'files',
  async load(blocks, { workspaceSlug, get }) {
    const wanted = new Map<string, { folder: number | null; sort: FileListSort; pageSize: number }>();
    for (const block of blocks) {
      const key = requestKey(block);
      const previous = wanted.get(key);
      wanted.set(key, { folder: block.folder ?? null, sort: block.sort, pageSize: Math.max(previous?.pageSize ?? 0, block.count) });
    }
    const answers = new Map<string, FileListLive>();
    await Promise.all(
      [...wanted].map(async ([key, { folder, sort, pageSize }]) => {
        try {
          const listed = await get(fileListPath(workspaceSlug, folder, sort, pageSize), folderFilesSchema);
          answers.set(key, { workspaceSlug, ...listed, missing: false });
        } catch (error) {
          if (!isNotFound(error)) throw error;
          answers.set(key, { workspaceSlug, folder: null, files: [], missing: true });
        }
      }),
    );
    const fingerprint = [...answers.keys()]
      .sort()
      .map((key) => `${key}=${fileListFingerprint(answers.get(key)!)}`)
      .join('|');
    return { props: new Map(blocks.map((block) => [block, answers.get(requestKey(block))!])), fingerprint };
  },
  parseExample(raw) {
    return fileListLiveSchema.parse(raw);
  },
});
