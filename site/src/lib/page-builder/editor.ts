import { z } from 'zod';
import { isCmsRequestError } from '../cms/http.ts';
import { workspacePageHref } from '../cms/workspaces.ts';
import { sentence, validate } from '../forms.ts';
import type { ResolvedWorkspace } from '../membership/workspace.ts';
import {
  getPage,
  presence,
  publishPage,
  saveBlocks,
  saveSettings,
  unpublishPage,
  type BlockInputValue,
  type PageDetail,
  type Presence,
} from './api.ts';
import { toInputBlocks } from './blocks.ts';
import {
  done,
  doneWithBlock,
  editorHref,
  indexOf,
  isPost,
  ok,
  publishedChange,
  readForm,
  refusedOn,
  revisionOf,
  text,
  type Outcome,
  type PageContext,
} from './common.ts';
import { slugSchema, titleSchema } from './pages-list.ts';

/**
 * The editor of one page: its settings (title, address), its draft's blocks (move, duplicate,
 * remove; each edited on a page of its own), publish and unpublish, and who else has it open.
 * Every change to the blocks carries the revision the page was shown at, so a save over someone
 * else's newer change is refused by the CMS (409) instead of overwriting it.
 */
export const BLOCKS_ERROR = 'blocks';
export const PUBLISH_ERROR = 'publishing';

const settingsSchema = z.object({ title: titleSchema, slug: slugSchema.refine((value) => value !== '', 'Enter the page’s address') });

export type BlockChange =
  | { kind: 'move'; index: number; direction: 'up' | 'down' }
  | { kind: 'duplicate'; index: number }
  | { kind: 'remove'; index: number }
  | { kind: 'reorder'; order: number[] };

/** The blocks after one change, or null when the change does not fit them (a stale form). */
export function changedBlocks<T>(blocks: readonly T[], change: BlockChange): T[] | null {
  const copy = [...blocks];
  switch (change.kind) {
    case 'move': {
      const to = change.direction === 'up' ? change.index - 1 : change.index + 1;
      if (change.index >= copy.length || to < 0 || to >= copy.length) return null;
      [copy[change.index], copy[to]] = [copy[to], copy[change.index]];
      return copy;
    }
    case 'duplicate':
      if (change.index >= copy.length) return null;
      copy.splice(change.index + 1, 0, structuredClone(copy[change.index]));
      return copy;
    case 'remove':
      if (change.index >= copy.length) return null;
      copy.splice(change.index, 1);
      return copy;
    case 'reorder': {
      const { order } = change;
      const unique = new Set(order);
      if (order.length !== copy.length || unique.size !== order.length || order.some((index) => index < 0 || index >= copy.length)) return null;
      return order.map((index) => copy[index]);
    }
  }
}

/** `order` as the drag-to-reorder script sends it: the blocks' current indices, comma-separated, in their new order. */
export function parseOrder(raw: string): number[] | null {
  if (!/^\d{1,3}(,\d{1,3}){0,199}$/.test(raw)) return null;
  return raw.split(',').map(Number);
}

const CHANGE_MESSAGES: Record<BlockChange['kind'], string> = {
  move: 'Block moved',
  duplicate: 'Block duplicated',
  remove: 'Block removed',
  reorder: 'Blocks reordered',
};

function blockChangeOf(form: FormData, intent: string): BlockChange | null {
  if (intent === 'reorder') {
    const order = parseOrder(text(form, 'order'));
    return order ? { kind: 'reorder', order } : null;
  }
  const index = indexOf(form);
  if (index === null) return null;
  if (intent === 'move-up' || intent === 'move-down') return { kind: 'move', index, direction: intent === 'move-up' ? 'up' : 'down' };
  if (intent === 'duplicate' || intent === 'remove') return { kind: intent, index };
  return null;
}

export interface EditorView {
  outcome: Outcome;
  page: PageDetail;
  others: Presence[];
  /** Where members read the page once published. */
  publicHref: string;
}

export async function editorPage(context: PageContext, resolved: ResolvedWorkspace, documentId: string): Promise<Response | EditorView | null> {
  const slug = resolved.workspace.slug;
  const cms = context.locals.cms;
  const self = editorHref(slug, documentId);
  let outcome: Outcome = ok({});

  if (isPost(context)) {
    const form = await readForm(context);
    const intent = text(form, 'intent');
    if (intent === 'settings') {
      const values = { title: text(form, 'title'), slug: text(form, 'slug') };
      const checked = validate(settingsSchema, values);
      if (!checked.ok) outcome = { status: 400, errors: checked.errors, values };
      else {
        try {
          const saved = await saveSettings(cms, slug, documentId, checked.data);
          publishedChange();
          return done(context, `Page settings saved. Its address is ${workspacePageHref(slug, saved)}`, self);
        } catch (error) {
          if (isNotFound(error)) return null;
          if (isCmsRequestError(error) && error.fieldErrors.length > 0 && error.status === 400) {
            const errors: Record<string, string> = {};
            for (const field of error.fieldErrors) {
              const name = field.field.split('.')[0];
              if (name === 'title' || name === 'slug') errors[name] ??= sentence(field.message);
            }
            outcome = Object.keys(errors).length ? { status: 400, errors, values } : { ...refusedOn(error, 'title'), values };
          } else outcome = { ...refusedOn(error, 'title'), values };
        }
      }
    } else if (intent === 'publish' || intent === 'unpublish') {
      try {
        if (intent === 'publish') await publishPage(cms, slug, documentId, revisionOf(form));
        else await unpublishPage(cms, slug, documentId);
        publishedChange();
        return done(context, intent === 'publish' ? 'Page published: members can now read it' : 'Page unpublished: members can no longer read it', self);
      } catch (error) {
        if (isNotFound(error)) return null;
        outcome = refusedOn(error, PUBLISH_ERROR);
      }
    } else {
      const change = blockChangeOf(form, intent);
      if (!change) outcome = { status: 400, errors: { [BLOCKS_ERROR]: 'Choose what to do with the block' }, values: {} };
      else {
        try {
          const current = await getPage(cms, slug, documentId);
          const blocks = changedBlocks<BlockInputValue>(toInputBlocks(current.blocks), change);
          if (!blocks) outcome = { status: 409, errors: { [BLOCKS_ERROR]: 'The page’s blocks changed since you opened it. Check them and try again' }, values: {}, conflict: true };
          else {
            await saveBlocks(cms, slug, documentId, revisionOf(form), blocks);
            const message = `${CHANGE_MESSAGES[change.kind]}. Publish the page when you are ready for members to see it`;
            // A drag reorders many blocks, and the last block removed leaves none: the banner says it.
            if (change.kind === 'reorder' || blocks.length === 0) return done(context, message, self);
            const at = change.kind === 'move' ? change.index + (change.direction === 'up' ? -1 : 1) : change.kind === 'duplicate' ? change.index + 1 : change.index;
            return doneWithBlock(context, message, slug, documentId, Math.max(0, Math.min(at, blocks.length - 1)));
          }
        } catch (error) {
          if (isNotFound(error)) return null;
          outcome = refusedOn(error, BLOCKS_ERROR, {}, 'blocks');
        }
      }
    }
  }

  const page = await pageOrNull(cms, slug, documentId);
  if (!page) return null;
  // Who else is here is a courtesy: the page still opens if the CMS cannot say.
  const others = await presence(cms, slug, documentId).catch((error: unknown) => {
    if (isCmsRequestError(error)) return [];
    throw error;
  });
  if (!isPost(context)) outcome = ok({ title: page.title, slug: page.slug });
  else outcome = { ...outcome, values: { title: page.title, slug: page.slug, ...outcome.values } };
  return { outcome, page, others, publicHref: workspacePageHref(slug, page) };
}

export function isNotFound(error: unknown): boolean {
  return isCmsRequestError(error, 404);
}

/** The page's draft, or null when the CMS says it is not one of this workspace's pages. */
export async function pageOrNull(cms: App.Locals['cms'], slug: string, documentId: string): Promise<PageDetail | null> {
  try {
    return await getPage(cms, slug, documentId);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** "Also editing: Ada Lovelace and Alan Turing". */
export function alsoEditing(others: Presence[]): string {
  const names = [...new Set(others.map((person) => person.name))];
  if (names.length === 0) return '';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `Also editing: ${list}`;
}
