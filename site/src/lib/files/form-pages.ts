import type { FolderView, ItemView, WorkspaceAccess } from '@futurenhs/contract';
import { z } from 'zod';
import type { PageContext } from '../accounts/page.ts';
import type { WorkspaceCard } from '../cms/schemas.ts';
import { summaryItems, type FieldErrors, type SummaryItem } from '../forms.ts';
import { notFound } from '../membership/workspace.ts';
import { createFolder, deleteFolder, deleteItem, folderTree, getFolder, getItem, updateFolder, updateItem, type TreeFolder } from './api.ts';
import { FOLDER_FIELDS, folderFormSchema, handleForm, ITEM_FIELDS, itemFormSchema, MOVE_FIELDS, moveFormSchema } from './forms.ts';
import { filesTrail, restrictedOr, type Crumb, type Restricted } from './pages.ts';
import { filesHref, itemHref, parseFolderKey, parseItemId, type FolderKey } from './paths.ts';
import { doneAndGo, orMissing } from './workspace-files.ts';

/**
 * The pages that each hold one form about a folder or a file: new folder, rename or describe,
 * move, delete. Each shows only to those the CMS says may do it (`can`), and the CMS decides
 * again when the form is sent.
 */
export interface FormPage {
  kind: 'form';
  workspace: WorkspaceCard;
  access: WorkspaceAccess;
  status: number;
  values: Record<string, string>;
  errors: FieldErrors;
  errorSummary: SummaryItem[];
  trail: Crumb[];
  /** Where "Cancel" goes back to. */
  back: string;
  /** The folder the form is about, or the folder a new one goes in. */
  folder?: FolderView;
  item?: ItemView;
  /** The move forms' destinations. */
  destinations?: { value: string; label: string }[];
  destinationsComplete?: boolean;
}

type Outcome = Response | Restricted | FormPage;

const forbidden = () => new Response(null, { status: 403 });

/** The move forms' choices: the top level, then every folder indented by its depth. */
function destinations(tree: TreeFolder[]): { value: string; label: string }[] {
  return [{ value: 'root', label: 'Files (the top level)' }, ...tree.map((folder) => ({ value: String(folder.id), label: `${'\u2013 '.repeat(folder.depth)}${folder.name}` }))];
}

function formPage(base: Omit<FormPage, 'kind' | 'errorSummary'>, order: readonly string[]): FormPage {
  return { kind: 'form', ...base, errorSummary: summaryItems(base.errors, order) };
}

export async function folderFormPage(context: PageContext, slug: string, rawKey: string | undefined, action: 'new-folder' | 'edit' | 'move' | 'delete'): Promise<Outcome> {
  const key = parseFolderKey(rawKey);
  if (key === undefined || (key === null && action !== 'new-folder')) return notFound();
  const reader = await restrictedOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  const wslug = reader.workspace.slug;
  const cms = context.locals.cms;
  const folder = await orMissing(getFolder(cms, wslug, key, { page: 1 }));
  if (folder instanceof Response) return folder;
  const here = filesHref(wslug, key);
  const common = { workspace: reader.workspace, access: reader.access, folder, back: here, trail: filesTrail(wslug, folder.breadcrumbs, true) };
  const current = folder.folder;

  if (action === 'new-folder') {
    if (!folder.can.createFolder) return forbidden();
    const outcome = await handleForm(context, {
      fields: FOLDER_FIELDS,
      schema: folderFormSchema,
      initial: { name: '', description: '' },
      act: async (data) => {
        const id = await createFolder(cms, wslug, { ...data, parentId: key });
        return doneAndGo(context, `The folder ${data.name} has been created`, filesHref(wslug, id));
      },
    });
    return outcome instanceof Response ? outcome : formPage({ ...common, ...outcome }, FOLDER_FIELDS);
  }
  if (!current || key === null) return notFound();
  if (action === 'delete') {
    if (!current.can.delete) return forbidden();
    const outcome = await handleForm(context, {
      fields: ['confirm'] as const,
      schema: z.object({}),
      initial: { confirm: '' },
      act: async () => {
        await deleteFolder(cms, wslug, key);
        return doneAndGo(context, `The folder ${current.name} has been moved to the recycle bin`, filesHref(wslug, current.parentId));
      },
    });
    return outcome instanceof Response ? outcome : formPage({ ...common, ...outcome }, ['confirm']);
  }
  if (!current.can.change) return forbidden();
  if (action === 'edit') {
    const outcome = await handleForm(context, {
      fields: FOLDER_FIELDS,
      schema: folderFormSchema,
      initial: { name: current.name, description: current.description ?? '' },
      act: async (data) => {
        await updateFolder(cms, wslug, key, data);
        return doneAndGo(context, 'The folder has been saved', here);
      },
    });
    return outcome instanceof Response ? outcome : formPage({ ...common, ...outcome }, FOLDER_FIELDS);
  }
  const tree = await folderTree(cms, wslug, key);
  const outcome = await handleForm(context, {
    fields: MOVE_FIELDS,
    schema: moveFormSchema,
    initial: { destination: current.parentId === null ? 'root' : String(current.parentId) },
    act: async (data) => {
      await updateFolder(cms, wslug, key, { parentId: data.destination });
      return doneAndGo(context, `The folder ${current.name} has been moved`, here);
    },
  });
  if (outcome instanceof Response) return outcome;
  return formPage({ ...common, ...outcome, destinations: destinations(tree.folders), destinationsComplete: tree.complete }, MOVE_FIELDS);
}

export async function itemFormPage(context: PageContext, slug: string, rawId: string | undefined, action: 'edit' | 'move' | 'delete'): Promise<Outcome> {
  const id = parseItemId(rawId);
  if (id === undefined) return notFound();
  const reader = await restrictedOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  const wslug = reader.workspace.slug;
  const cms = context.locals.cms;
  const item = await orMissing(getItem(cms, wslug, id));
  if (item instanceof Response) return item;
  const here = itemHref(wslug, id);
  const common = {
    workspace: reader.workspace,
    access: reader.access,
    item,
    back: here,
    trail: [...filesTrail(wslug, item.breadcrumbs, true), { text: item.item.name, href: here }],
  };
  const folderOf: FolderKey = item.item.folderId;

  if (action === 'delete') {
    if (!item.item.can.delete) return forbidden();
    const outcome = await handleForm(context, {
      fields: ['confirm'] as const,
      schema: z.object({}),
      initial: { confirm: '' },
      act: async () => {
        await deleteItem(cms, wslug, id);
        return doneAndGo(context, `${item.item.name} has been moved to the recycle bin`, filesHref(wslug, folderOf));
      },
    });
    return outcome instanceof Response ? outcome : formPage({ ...common, ...outcome }, ['confirm']);
  }
  if (!item.item.can.change) return forbidden();
  if (action === 'edit') {
    const outcome = await handleForm(context, {
      fields: ITEM_FIELDS,
      schema: itemFormSchema,
      initial: { name: item.item.name, description: item.item.description ?? '' },
      act: async (data) => {
        await updateItem(cms, wslug, id, data);
        return doneAndGo(context, item.item.kind === 'document' ? 'The document has been saved' : 'The file has been saved', here);
      },
    });
    return outcome instanceof Response ? outcome : formPage({ ...common, ...outcome }, ITEM_FIELDS);
  }
  const tree = await folderTree(cms, wslug);
  const outcome = await handleForm(context, {
    fields: MOVE_FIELDS,
    schema: moveFormSchema,
    initial: { destination: folderOf === null ? 'root' : String(folderOf) },
    act: async (data) => {
      await updateItem(cms, wslug, id, { folderId: data.destination });
      return doneAndGo(context, `${item.item.name} has been moved`, here);
    },
  });
  if (outcome instanceof Response) return outcome;
  return formPage({ ...common, ...outcome, destinations: destinations(tree.folders), destinationsComplete: tree.complete }, MOVE_FIELDS);
}
