import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { VERSION_UID, type VersionKind } from '../constants';
import { getService } from '../utils';
import type { InputBlock, OutputBlock } from './blocks';

const { NotFoundError } = errors;

interface VersionRow {
  id: number;
  number: number;
  kind: VersionKind;
  title: string;
  blocks: InputBlock[];
  authorId: number | null;
  restoredFrom: number | null;
  createdAt: string;
}

export interface VersionSummary {
  number: number;
  kind: VersionKind;
  title: string;
  createdAt: string;
  author: { name: string } | null;
  /** For a restore: the version it brought back. */
  restoredFrom: number | null;
}

/**
 * Kept states of a page, numbered 1, 2, 3... per page: what each publish made live, what each
 * restore brought back, the draft each restore replaced, and each save refused because someone
 * else had saved first (so nothing typed is lost). Blocks are kept in the builder's input form (file ids, case-study documentIds)
 * and resolved when read, so a version is exactly what a restore writes back.
 */
export const versionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(VERSION_UID);

  function summaryOf(row: VersionRow, names: Map<number, string>): VersionSummary {
    return {
      number: row.number,
      kind: row.kind,
      title: row.title,
      createdAt: new Date(row.createdAt).toISOString(),
      author: row.authorId && names.has(row.authorId) ? { name: names.get(row.authorId)! } : null,
      restoredFrom: row.restoredFrom ?? null,
    };
  }

  return {
    /** Keeps a version; called inside the change's transaction, under the workspace lock (so numbers never repeat). */
    async keep(entry: {
      page: { documentId: string };
      workspaceId: number;
      kind: VersionKind;
      title: string;
      blocks: InputBlock[];
      authorId: number;
      basedOnRevision: number;
      restoredFrom?: number;
    }): Promise<number> {
      const last = (await rows().findOne({ select: ['number'], where: { pageDocumentId: entry.page.documentId }, orderBy: [{ number: 'desc' }] })) as { number: number } | null;
      const number = (last?.number ?? 0) + 1;
      await rows().create({
        data: {
          pageDocumentId: entry.page.documentId,
          workspaceId: entry.workspaceId,
          number,
          kind: entry.kind,
          title: entry.title,
          blocks: entry.blocks,
          authorId: entry.authorId,
          basedOnRevision: entry.basedOnRevision,
          restoredFrom: entry.restoredFrom ?? null,
        },
      });
      return number;
    },

    async list(workspaceId: number, documentId: string): Promise<VersionSummary[]> {
      const found = (await rows().findMany({
        select: ['id', 'number', 'kind', 'title', 'authorId', 'restoredFrom', 'createdAt'],
        where: { pageDocumentId: documentId, workspaceId },
        orderBy: [{ number: 'desc' }],
      })) as VersionRow[];
      const names = await getService(strapi, 'people').names(found.map((row) => row.authorId));
      return found.map((row) => summaryOf(row, names));
    },

    /** What the draft last was as a kept version: the newest publish or restore (a refused save never became the draft). */
    async latestDraft(workspaceId: number, documentId: string): Promise<Pick<VersionRow, 'title' | 'blocks'> | null> {
      return (await rows().findOne({
        select: ['title', 'blocks'],
        where: { pageDocumentId: documentId, workspaceId, kind: { $in: ['publish', 'restore'] } },
        orderBy: [{ number: 'desc' }],
      })) as Pick<
        VersionRow,
        'title' | 'blocks'
      > | null;
    },

    async find(workspaceId: number, documentId: string, number: number): Promise<VersionRow> {
      const row = (await rows().findOne({
        select: ['id', 'number', 'kind', 'title', 'blocks', 'authorId', 'restoredFrom', 'createdAt'],
        where: { pageDocumentId: documentId, workspaceId, number },
      })) as VersionRow | null;
      if (!row) throw new NotFoundError('This version does not exist');
      return row;
    },

    async show(workspaceId: number, documentId: string, number: number): Promise<VersionSummary & { blocks: OutputBlock[] }> {
      const row = await this.find(workspaceId, documentId, number);
      const names = await getService(strapi, 'people').names([row.authorId]);
      const blocks = await getService(strapi, 'blocks').resolve(Array.isArray(row.blocks) ? row.blocks : []);
      return { ...summaryOf(row, names), blocks };
    },
  };
};

export type VersionsService = ReturnType<typeof versionsService>;
