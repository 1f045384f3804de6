import { DOCUMENT_FRAGMENT, type DocumentJson } from '@futurenhs/contract/document-schema';
import { documentSchema } from '../schema';
import type { Core } from '@strapi/strapi';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import * as Y from 'yjs';
import { tableOf } from '../../../../common/plugin';
import { ITEM_UID, STATES_TABLE } from '../constants';
import { documentText, documentWords } from '../render';

/** What a document holds, as stored: Yjs state, and the copies kept in step with it. */
export interface DocumentSnapshot {
  state: Uint8Array;
  json: DocumentJson;
  text: string;
  words: number;
}

const EMPTY: DocumentJson = { type: 'doc', content: [{ type: 'paragraph' }] };

/**
 * The document as ProseMirror JSON, read through the shared schema: what an editor could not show
 * (a node a client invented) is dropped here too, so search, exports and readers see what editors see.
 */
export function jsonOf(doc: Y.Doc): DocumentJson {
  const fragment = doc.getXmlFragment(DOCUMENT_FRAGMENT);
  if (fragment.length === 0) return EMPTY;
  try {
    return yXmlFragmentToProseMirrorRootNode(fragment, documentSchema()).toJSON() as DocumentJson;
  } catch {
    return EMPTY;
  }
}

export function snapshotOf(doc: Y.Doc): DocumentSnapshot {
  const json = jsonOf(doc);
  return { state: Y.encodeStateAsUpdate(doc), json, text: documentText(json), words: documentWords(json) };
}

export function docOf(state: Uint8Array | null | undefined): Y.Doc {
  const doc = new Y.Doc();
  if (state && state.length > 0) Y.applyUpdate(doc, state);
  return doc;
}

/**
 * Yjs state in the database (PostgreSQL `bytea`, SQLite blob) beside a JSON and plain-text copy
 * for search, exports and readers without JavaScript (docs/documents.md#saving). Writes merge
 * with what is stored (Yjs updates merge without loss), so two CMS instances storing one
 * document, each a moment behind the other, never undo each other's words.
 */
export const storeService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const postgres = () => strapi.db.dialect.client === 'postgres';
  const items = () => tableOf(strapi, ITEM_UID);

  return {
    async load(itemId: number): Promise<Uint8Array | null> {
      const row = await knex()(STATES_TABLE).select('state').where('item_id', itemId).first();
      return row?.state ? new Uint8Array(row.state) : null;
    },

    async snapshot(itemId: number): Promise<DocumentSnapshot> {
      const row = await knex()(STATES_TABLE).select('state', 'content', 'text', 'words').where('item_id', itemId).first();
      if (!row) return { state: new Uint8Array(), json: EMPTY, text: '', words: 0 };
      return { state: new Uint8Array(row.state), json: JSON.parse(row.content) as DocumentJson, text: row.text ?? '', words: Number(row.words ?? 0) };
    },

    /**
     * Stores a live document: merged with the stored state under a row lock, its copies worked out
     * from the merge, and the folder item's size and "changed by" brought up to date. Answers whether
     * anything changed, so an unchanged store does not count as an edit.
     */
    async save(itemId: number, doc: Y.Doc, changedById: number | null): Promise<{ changed: boolean; snapshot: DocumentSnapshot }> {
      return (await strapi.db.transaction(async ({ trx }) => {
        const table = items();
        // A document purged while open is not written back when its editors are closed. The share lock
        // makes a purge in flight either wait for this store (and then delete what it wrote) or finish first.
        const item = trx(table.name).select(table.column('id')).where(table.column('id'), itemId);
        if (!(await (postgres() ? item.forShare() : item).first())) {
          return { changed: false, snapshot: snapshotOf(doc) };
        }
        const query = trx(STATES_TABLE).select('state', 'content').where('item_id', itemId);
        const row = await (postgres() ? query.forUpdate() : query).first();
        const live = Y.encodeStateAsUpdate(doc);
        const merged = row?.state ? Y.mergeUpdates([new Uint8Array(row.state), live]) : live;
        const snapshot = snapshotOf(docOf(merged));
        const content = JSON.stringify(snapshot.json);
        const changed = !row || row.content !== content;
        const now = new Date();
        const values = { state: Buffer.from(snapshot.state), content, text: snapshot.text, words: snapshot.words, updated_at: now };
        if (row) await trx(STATES_TABLE).where('item_id', itemId).update(changed ? { ...values, updated_by: changedById } : { state: values.state });
        else await trx(STATES_TABLE).insert({ item_id: itemId, ...values, updated_by: changedById });
        if (changed) {
          await trx(table.name)
            .where(table.column('id'), itemId)
            .update({
              [table.column('size')]: Buffer.byteLength(snapshot.text),
              [table.column('updatedAt')]: now,
              ...(changedById ? { [table.column('changedById')]: changedById } : {}),
            });
        }
        return { changed, snapshot };
      })) as { changed: boolean; snapshot: DocumentSnapshot };
    },

    /**
     * Replaces a stored document's content outside any editing session (the demo seed): written as
     * Yjs changes on top of what is stored, as an editor's would be.
     */
    async replace(itemId: number, json: DocumentJson, changedById: number | null): Promise<void> {
      const doc = docOf(await this.load(itemId));
      const fragment = doc.getXmlFragment(DOCUMENT_FRAGMENT);
      doc.transact(() => {
        fragment.delete(0, fragment.length);
        prosemirrorJSONToYXmlFragment(documentSchema(), json, fragment);
      });
      await this.save(itemId, doc, changedById);
    },

    /** A new document's first state: empty, or the given content (the demo's, a copy). */
    async create(trx: unknown, itemId: number, json: DocumentJson | null, createdById: number | null): Promise<void> {
      const doc = new Y.Doc();
      if (json) {
        prosemirrorJSONToYXmlFragment(documentSchema(), json, doc.getXmlFragment(DOCUMENT_FRAGMENT));
      }
      const snapshot = snapshotOf(doc);
      const run = (trx ?? knex()) as typeof knex extends () => infer K ? K : never;
      await run(STATES_TABLE).insert({
        item_id: itemId,
        state: Buffer.from(snapshot.state),
        content: JSON.stringify(snapshot.json),
        text: snapshot.text,
        words: snapshot.words,
        updated_at: new Date(),
        updated_by: createdById,
      });
    },
  };
};

export type StoreService = ReturnType<typeof storeService>;
