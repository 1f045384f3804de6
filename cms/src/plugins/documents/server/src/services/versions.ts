import { collaborationDocumentName, type DocumentDiffRow, type DocumentVersion } from '@futurenhs/contract';
import { DOCUMENT_FRAGMENT, type DocumentJson } from '@futurenhs/contract/document-schema';
import { documentSchema } from '../schema';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import * as Y from 'yjs';
import { VERSIONS_TABLE } from '../constants';
import { documentDiff, documentHtml } from '../render';
import { accounts, getService } from '../utils';
import type { CollaborationContext } from './collaboration';
import { docOf, snapshotOf, type DocumentSnapshot } from './store';

const { NotFoundError } = errors;

interface VersionRow {
  id: number;
  item_id: number;
  name: string | null;
  automatic: boolean | number;
  content: string;
  words: number;
  author_id: number | null;
  restored_from: number | null;
  created_at: string | Date;
  state?: Buffer;
}

const LIST_FIELDS = ['id', 'item_id', 'name', 'automatic', 'words', 'author_id', 'restored_from', 'created_at'];
/** Automatic versions kept per document (the oldest go first); named ones are kept for good. */
const AUTOMATIC_KEPT = 100;

/**
 * A document's versions (docs/documents.md#versions): named by a member, or kept automatically
 * when an editing session ends with something changed. Each holds the Yjs state and the JSON of
 * that moment. Restoring writes the version's content into the live document, so every editor
 * sees it at once, after keeping what was there as a version of its own: a restore loses nothing.
 */
export const versionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const store = () => getService(strapi, 'store');

  async function toVersions(rows: VersionRow[]): Promise<DocumentVersion[]> {
    const people = await accounts(strapi).people.byId(rows.map((row) => row.author_id));
    return rows.map((row) => ({
      id: row.id,
      name: row.name ?? null,
      automatic: Boolean(row.automatic),
      createdAt: new Date(row.created_at).toISOString(),
      author: people.get(row.author_id as number) ?? null,
      words: Number(row.words ?? 0),
      restoredFrom: row.restored_from ?? null,
    }));
  }

  /** The document as it is now: the stored state, with what this instance holds live and has not stored yet. */
  async function current(itemId: number): Promise<DocumentSnapshot> {
    const stored = await store().snapshot(itemId);
    const open = getService(strapi, 'collaboration').openDocument(collaborationDocumentName(itemId));
    if (!open) return stored;
    return snapshotOf(docOf(Y.mergeUpdates([stored.state, Y.encodeStateAsUpdate(open)].filter((update) => update.length > 0))));
  }

  async function insert(itemId: number, snapshot: DocumentSnapshot, extra: { name: string | null; automatic: boolean; authorId: number | null; restoredFrom?: number | null }) {
    const [row] = (await knex()(VERSIONS_TABLE)
      .insert({
        item_id: itemId,
        name: extra.name,
        automatic: extra.automatic,
        state: Buffer.from(snapshot.state),
        content: JSON.stringify(snapshot.json),
        text: snapshot.text,
        words: snapshot.words,
        author_id: extra.authorId,
        restored_from: extra.restoredFrom ?? null,
        created_at: new Date(),
      })
      .returning(LIST_FIELDS)) as VersionRow[];
    if (extra.automatic) {
      const stale = knex()(VERSIONS_TABLE).select('id').where({ item_id: itemId, automatic: true }).orderBy('id', 'desc').offset(AUTOMATIC_KEPT);
      await knex()(VERSIONS_TABLE).whereIn('id', stale).delete();
    }
    return row!;
  }

  async function latestContent(itemId: number): Promise<string | null> {
    const row = await knex()(VERSIONS_TABLE).select('content').where('item_id', itemId).orderBy('id', 'desc').first();
    return row?.content ?? null;
  }

  async function find(itemId: number, versionId: number): Promise<VersionRow> {
    const row = (await knex()(VERSIONS_TABLE).select([...LIST_FIELDS, 'content']).where({ item_id: itemId, id: versionId }).first()) as VersionRow | undefined;
    if (!row) throw new NotFoundError('This version does not exist');
    return row;
  }

  return {
    current,

    async list(itemId: number): Promise<DocumentVersion[]> {
      const rows = (await knex()(VERSIONS_TABLE).select(LIST_FIELDS).where('item_id', itemId).orderBy('id', 'desc').limit(500)) as VersionRow[];
      return toVersions(rows);
    },

    async name(itemId: number, authorId: number, name: string): Promise<DocumentVersion> {
      const row = await insert(itemId, await current(itemId), { name, automatic: false, authorId });
      return (await toVersions([row]))[0]!;
    },

    /** After an editing session: an automatic version, if the document changed since the last one. */
    async keepSession(itemId: number, authorId: number | null): Promise<void> {
      const snapshot = await store().snapshot(itemId);
      if (snapshot.state.length === 0 || (await latestContent(itemId)) === JSON.stringify(snapshot.json)) return;
      await insert(itemId, snapshot, { name: null, automatic: true, authorId });
    },

    async show(itemId: number, versionId: number): Promise<{ version: DocumentVersion; html: string; diff: DocumentDiffRow[] }> {
      const row = await find(itemId, versionId);
      const json = JSON.parse(row.content) as DocumentJson;
      const now = await current(itemId);
      return { version: (await toVersions([row]))[0]!, html: documentHtml(json), diff: documentDiff(json, now.json) };
    },

    /**
     * Makes the document's content exactly the version's, through a direct connection to the live
     * document, so open editors (on any instance, through Redis) get the change like any other edit.
     */
    async restore(itemId: number, versionId: number, actorId: number, context: CollaborationContext): Promise<{ keptAs: number }> {
      const row = await find(itemId, versionId);
      const json = JSON.parse(row.content) as DocumentJson;
      // Opened first: with several instances, opening it brings in what the others hold and have not stored yet.
      const connection = await getService(strapi, 'collaboration').instance().openDirectConnection(collaborationDocumentName(itemId), context);
      try {
        const stored = await store().snapshot(itemId);
        const now = snapshotOf(docOf(Y.mergeUpdates([stored.state, Y.encodeStateAsUpdate(connection.document!)].filter((update) => update.length > 0))));
        const kept = await insert(itemId, now, { name: null, automatic: true, authorId: actorId, restoredFrom: versionId });
        await connection.transact((document) => {
          const fragment = document.getXmlFragment(DOCUMENT_FRAGMENT);
          fragment.delete(0, fragment.length);
          prosemirrorJSONToYXmlFragment(documentSchema(), json, fragment);
        });
        await getService(strapi, 'changes').edited(itemId);
        return { keptAs: kept.id };
      } finally {
        // Stores at once: a reader of the stored copy (an export, a page without JavaScript) sees the restore.
        await connection.disconnect();
      }
    },
  };
};
