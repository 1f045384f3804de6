import { blockDefinition, holdsReference, type BlockUid, type Fields } from '@futurenhs/blocks';
import { z } from 'zod';
import { blockMediaUrl, withMediaUrls } from '../cms/blocks.ts';
import { cms as publicCms, type CmsClient } from '../cms/client.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { listResponse } from '../cms/schemas.ts';
import type { WorkspacePageContent } from '../cms/workspaces.ts';
import { siteConfig } from '../config.ts';
import { sentence, type SummaryItem } from '../forms.ts';
import type { ResolvedWorkspace } from '../membership/workspace.ts';
import { getPage, saveBlocks, uploadImage, type PageDetail, type RawBlock } from './api.ts';
import { blockForm, errorSummaryItems, inputNameFor, readBlockForm, validateBlockForm, type BlockForm, type FormField } from './block-form.ts';
import { collectMedia, isBlockUid, setAtPath, toInputBlocks, withMediaObjects, type KnownMedia } from './blocks.ts';
import { conflictMessage, doneWithBlock, isPost, readForm, reasonOf, revisionOf, text, type PageContext } from './common.ts';
import { isNotFound, pageOrNull } from './editor.ts';
import { asPageContent } from './preview.ts';

/**
 * Adding a block (`blocks/new?type=<uid>`) and editing one (`blocks/{index}`): the form generated
 * from the block's schema (block-form.ts), its images uploaded first (a browser cannot re-fill a
 * file input, so a re-shown form must already hold them), validated with the block's own schema,
 * then the whole draft saved with the revision the form was opened at. A refusal re-shows the
 * form with everything typed: the schema's errors inline, the CMS's 409 in the summary.
 */
export const BLOCK_FORM_ERROR = 'block-form';

export type BlockTarget = { kind: 'new'; uid: BlockUid; at: number | null } | { kind: 'edit'; index: number };

export interface BlockFormView {
  status: number;
  page: PageDetail;
  uid: BlockUid;
  form: BlockForm;
  /** The revision the form saves against (the page's, or the one it was first opened at). */
  revision: number;
  errors: Record<string, string>;
  errorSummary: SummaryItem[];
  conflict: boolean;
  /** Where the block is (or will be) on the page, from 0. */
  index: number;
}

const caseStudyOptionsSchema = listResponse(z.object({ documentId: z.string(), title: z.string() }));

/** Published case studies a highlight may point to, by title. */
export async function caseStudyChoices(client: CmsClient = publicCms()): Promise<{ documentId: string; title: string }[]> {
  return client.read(
    {
      path: '/api/case-studies',
      query: { fields: ['title'], sort: ['title:asc'], pagination: { page: 1, pageSize: 200, withCount: false } },
      schema: caseStudyOptionsSchema,
    },
    (response) => response.data,
  );
}

function usesCaseStudies(uid: BlockUid): boolean {
  const definition = blockDefinition(uid);
  return !!definition && holdsReference(definition.fields as unknown as Fields, 'case-study');
}

/** Summary lines in the form's order; errors on no input link to the form's own error. */
export function blockErrorSummary(form: BlockForm, errors: Record<string, string>): SummaryItem[] {
  return errorSummaryItems(form, errors, `#${BLOCK_FORM_ERROR}`);
}

/** The CMS's 400 for the whole draft, narrowed to this block's inputs (paths `blocks.<index>.<field path>`). */
export function cmsBlockErrors(fieldErrors: { field: string; message: string }[], index: number): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const { field, message } of fieldErrors) {
    const path = field.split('.');
    if (path[0] !== 'blocks') continue;
    if (path[1] !== String(index)) {
      errors[BLOCK_FORM_ERROR] ??= `Another block of this page has a problem: ${sentence(message)}. Fix it from the editor`;
      continue;
    }
    const name = inputNameFor(path.slice(2).map((part) => (/^\d+$/.test(part) ? Number(part) : part)));
    errors[name || BLOCK_FORM_ERROR] ??= sentence(message);
  }
  return errors;
}

function rewriteMedia(value: Record<string, unknown>, slug: string): Record<string, unknown> {
  const publicBase = siteConfig().CMS_PUBLIC_URL;
  return withMediaUrls(value, (url) => blockMediaUrl(url, publicBase, slug)) as Record<string, unknown>;
}

export async function blockFormPage(
  context: PageContext,
  resolved: ResolvedWorkspace,
  documentId: string,
  target: BlockTarget,
): Promise<Response | BlockFormView | null> {
  const slug = resolved.workspace.slug;
  const cms = context.locals.cms;
  const found = await pageOrNull(cms, slug, documentId);
  if (!found) return null;
  let page: PageDetail = found;
  const existing = target.kind === 'edit' ? page.blocks[target.index] : undefined;
  if (target.kind === 'edit' && !existing) return null;
  const uid = target.kind === 'new' ? target.uid : String(existing!.__component);
  if (!isBlockUid(uid)) return null;
  const index = target.kind === 'edit' ? target.index : Math.min(target.at ?? page.blocks.length, page.blocks.length);
  // Only a form that is shown needs the choices (a save that goes through redirects).
  const view = async (status: number, value: Record<string, unknown> | null, errors: Record<string, string>, revision: number, conflict = false): Promise<BlockFormView> => {
    const caseStudies = usesCaseStudies(uid) ? await caseStudyChoices() : [];
    const form = blockForm(uid, value, errors, caseStudies);
    return { status, page, uid, form, revision, errors, errorSummary: blockErrorSummary(form, errors), conflict, index };
  };

  if (!isPost(context)) return view(200, existing ? rewriteMedia(existing, slug) : null, {}, page.revision);

  const posted = await readForm(context);
  const revision = revisionOf(posted);
  const { value, listAction, uploads, images } = readBlockForm(uid, posted);
  // Images the form may show again: those the draft holds, those an earlier refused post uploaded
  // (their addresses come back with the form), and those uploaded now.
  const known: Map<number, KnownMedia> = collectMedia(page.blocks.map((block) => rewriteMedia(block, slug)));
  for (const [id, url] of Object.entries(images)) if (!known.has(Number(id))) known.set(Number(id), { id: Number(id), url });
  const errors: Record<string, string> = {};
  for (const upload of uploads) {
    const name = upload.name.replace(/\.upload$/, '');
    try {
      const image = await uploadImage(cms, slug, upload.file);
      setAtPath(value, name, image.id);
      known.set(image.id, { ...image, url: blockMediaUrl(image.url, siteConfig().CMS_PUBLIC_URL, slug) });
    } catch (error) {
      if (!isCmsRequestError(error)) throw error;
      errors[name] = error.status === 429 ? reasonOf(error) : sentence(error.fieldErrors[0]?.message ?? '') || reasonOf(error, 'The image could not be uploaded');
    }
  }
  const shown = () => withMediaObjects(uid, value, known);
  // "Add another" or "Remove": the form again with the change, nothing saved yet.
  if (listAction) return view(Object.keys(errors).length ? 400 : 200, shown(), errors, revision);

  Object.assign(errors, Object.fromEntries(Object.entries(validateBlockForm(uid, value)).filter(([name]) => !errors[name])));
  if (Object.keys(errors).length) return view(400, shown(), errors, revision);

  const blocks = toInputBlocks(page.blocks);
  const input = { ...value, __component: uid };
  if (target.kind === 'edit') blocks[index] = input;
  else blocks.splice(index, 0, input);
  try {
    await saveBlocks(cms, slug, documentId, revision, blocks);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    if (isNotFound(error)) return null;
    if (error.status === 409) {
      // What they typed stays in the form; the page's newer revision lets them save it on purpose.
      const fresh = await getPage(cms, slug, documentId).catch(() => page);
      page = fresh;
      return view(409, shown(), { [BLOCK_FORM_ERROR]: conflictMessage(error) }, fresh.revision, true);
    }
    const fromCms = cmsBlockErrors(error.fieldErrors, index);
    return view(error.status === 429 ? 429 : 400, shown(), Object.keys(fromCms).length ? fromCms : { [BLOCK_FORM_ERROR]: reasonOf(error) }, revision);
  }
  const verb = target.kind === 'edit' ? 'saved' : 'added';
  return doneWithBlock(context, `Block ${verb}. Publish the page when you are ready for members to see it`, slug, documentId, index);
}

/**
 * The live preview of a block form (with JavaScript): what is typed so far, rendered as members
 * would see the block, without saving anything. Images chosen but not yet uploaded cannot be
 * shown; a block that is not valid yet says so instead.
 */
export type BlockPreview = { kind: 'block'; page: WorkspacePageContent } | { kind: 'incomplete' };

export async function blockPreview(context: PageContext, resolved: ResolvedWorkspace, documentId: string, uid: string | null): Promise<BlockPreview | null> {
  if (!isBlockUid(uid)) return null;
  // Case studies are chosen by id; the preview shows them once the block is saved.
  if (usesCaseStudies(uid)) return { kind: 'incomplete' };
  const slug = resolved.workspace.slug;
  const page = await pageOrNull(context.locals.cms, slug, documentId);
  if (!page) return null;
  const { value, images } = readBlockForm(uid, await readForm(context));
  // Images as the CMS gives them (the page's, and any the form carries back from an earlier post).
  const known = collectMedia(page.blocks);
  for (const [id, url] of Object.entries(images)) {
    const file = url.startsWith(`/workspaces/`) ? url.split('/').pop() : null;
    if (!known.has(Number(id))) known.set(Number(id), { id: Number(id), url: file ? `/uploads/${file}` : url });
  }
  const block = { ...withMediaObjects(uid, value, known), __component: uid };
  if (Object.keys(validateBlockForm(uid, value)).length > 0) return { kind: 'incomplete' };
  const content = asPageContent(slug, page, [block as RawBlock], `workspace "${slug}" page "${page.slug}" (block preview)`);
  return content.blocks.length ? { kind: 'block', page: content } : { kind: 'incomplete' };
}

/** `?type=` and `?at=` of the new-block page. */
export function newBlockTarget(url: URL): BlockTarget | null {
  const uid = url.searchParams.get('type');
  if (!isBlockUid(uid)) return null;
  const at = url.searchParams.get('at');
  return { kind: 'new', uid, at: at !== null && /^\d{1,3}$/.test(at) ? Number(at) : null };
}

