import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { BLOCKS_MAX, CASE_STUDY_UID, FILE_UID } from '../constants';
import * as catalogue from '@futurenhs/blocks';
import type { Field as BlockField, Reference as BlockReference } from '@futurenhs/blocks';
import { storage } from '../utils';

const { ValidationError } = errors;

/** A block as the builder's API takes it: media as a file id, a case study as its documentId. */
export type InputBlock = { __component: string } & Record<string, unknown>;
/** A block as the site reads it from /api/pages (media and case study populated, no component ids). */
export type OutputBlock = { __component: string } & Record<string, unknown>;

export interface Issue {
  path: (string | number)[];
  message: string;
}

export interface MediaOut {
  id: number;
  url: string;
  width: number | null;
  height: number | null;
  mime: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

function definitionOf(uid: unknown) {
  return typeof uid === 'string' ? catalogue.blockDefinition(uid) : undefined;
}

/**
 * The input form cleaned: only the catalogue's fields (unknown keys, component ids dropped),
 * each value cleaned by its kind (a reference sent back in read form taken by its key, direction
 * overrides removed from text), a bad reference left null with its issue for the form to name.
 */
function cleanFields(fields: Record<string, BlockField>, value: Record<string, unknown>, issues: Issue[], path: (string | number)[]): Record<string, unknown> {
  return catalogue.mapFields(
    fields,
    value,
    ({ field, kind, value: raw, path: at }) => {
      // What the block shows for an empty choice, switch or count is its default: stored as such,
      // so the draft, the published page and a restore all hold the same value.
      if (kind.defaulted && isEmpty(raw)) return catalogue.emptyValueOf(field);
      if (raw === '' && !field.required) return null;
      const cleaned = kind.clean(raw);
      if (cleaned.issue) issues.push({ path: at, message: cleaned.issue });
      return cleaned.value;
    },
    { omit: ({ kind, present }) => !present && !kind.defaulted, invalidList: 'keep', path },
  );
}

function requiredMissing(fields: Record<string, BlockField>, value: Record<string, unknown>, path: (string | number)[], issues: Issue[]) {
  catalogue.walkFields(
    fields,
    value,
    ({ field, kind, value: raw, path: at }) => {
      // validateBlockInput stands in a placeholder for any case study (an update's input cannot tell
      // "unchanged" from "none"); here the input is complete, so a required one must be there.
      if (kind.holds === 'case-study' && field.required && (raw === null || raw === undefined)) {
        issues.push({ path: at, message: 'Choose a published case study' });
      }
    },
    path,
  );
}

/** Throws the 400 every form reads: the first problem as the message, each at its path under ['blocks', i, ...]. */
export function refuseIssues(issues: Issue[], blocks: unknown[], prefix = ''): never {
  const first = issues[0];
  const index = typeof first.path[0] === 'number' ? first.path[0] : null;
  const name = index !== null ? definitionOf((blocks[index] as InputBlock | undefined)?.__component)?.displayName : undefined;
  const where = index !== null ? `Block ${index + 1}${name ? ` (${name})` : ''}: ` : '';
  throw new ValidationError(`${prefix}${where}${first.message}`, {
    errors: issues.map((issue) => ({ path: ['blocks', ...issue.path], message: issue.message })),
  });
}

/**
 * Blocks between the builder's API and Strapi: input form in (validated with the catalogue's
 * own schemas through validateBlockInput, the same check the CMS runs on every document write),
 * the site's read form out.
 */
export const blocksService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The page's dynamic zone populated exactly as the site reads it (blocksPopulate of the catalogue). */
  populate() {
    return { blocks: catalogue.blocksPopulate() };
  },

  /** Cleans and validates blocks in input form; throws a 400 with every issue at its path. */
  parseInput(raw: unknown, prefix = ''): InputBlock[] {
    if (!Array.isArray(raw)) throw new ValidationError(`${prefix}The blocks must be a list`, { errors: [{ path: ['blocks'], message: 'The blocks must be a list' }] });
    if (raw.length > BLOCKS_MAX) {
      const message = `A page can hold at most ${BLOCKS_MAX} blocks: split it into several pages`;
      throw new ValidationError(`${prefix}${message}`, { errors: [{ path: ['blocks'], message }] });
    }
    const issues: Issue[] = [];
    const cleaned = raw.map((block, index) => {
      const definition = isObject(block) ? definitionOf(block.__component) : undefined;
      if (!definition) return block as InputBlock;
      return { __component: definition.uid, ...cleanFields(definition.fields, block as Record<string, unknown>, issues, [index]) } as InputBlock;
    });
    issues.push(...catalogue.validateBlockInput(cleaned));
    cleaned.forEach((block, index) => {
      const definition = isObject(block) ? definitionOf(block.__component) : undefined;
      if (definition) requiredMissing(definition.fields, block, [index], issues);
    });
    if (issues.length) refuseIssues(dedupe(issues), cleaned, prefix);
    return cleaned;
  },

  /**
   * Every reference must exist: images must be this workspace's own (or already on this page,
   * e.g. images a platform admin placed there), case studies published (or, for a restore,
   * still existing).
   */
  async checkReferences(input: InputBlock[], options: { workspaceId: number; alreadyUsed: Set<number>; anyCaseStudy?: boolean; prefix?: string }) {
    const images: { id: number; path: (string | number)[] }[] = [];
    const studies: { documentId: string; path: (string | number)[] }[] = [];
    input.forEach((block, index) => {
      const definition = definitionOf(block.__component);
      if (!definition) return;
      for (const { kind, ref, path } of catalogue.referencesOf(definition.fields, block, [index])) {
        if (kind === 'image') images.push({ id: ref as number, path });
        else studies.push({ documentId: ref as string, path });
      }
    });
    const issues: Issue[] = [];
    if (images.length) {
      const ids = [...new Set(images.map((image) => image.id))];
      const owned = await storage(strapi).ownership.ownedBy(ids, options.workspaceId);
      const files = (await strapi.db.query(FILE_UID).findMany({ select: ['id'], where: { id: { $in: ids } } })) as { id: number }[];
      const usable = new Set(files.map((file) => file.id).filter((id) => options.alreadyUsed.has(id) || owned.has(id)));
      for (const image of images) if (!usable.has(image.id)) issues.push({ path: image.path, message: 'This image is not one of this workspace’s images: upload it again' });
    }
    if (studies.length) {
      const documentIds = [...new Set(studies.map((study) => study.documentId))];
      const rows = (await strapi.db.query(CASE_STUDY_UID).findMany({
        select: ['documentId'],
        where: { documentId: { $in: documentIds }, ...(options.anyCaseStudy ? {} : { publishedAt: { $notNull: true } }) },
      })) as { documentId: string }[];
      const found = new Set(rows.map((row) => row.documentId));
      for (const study of studies) if (!found.has(study.documentId)) issues.push({ path: study.path, message: 'Choose a published case study' });
    }
    if (issues.length) refuseIssues(issues, input, options.prefix);
  },

  /** File ids the blocks (in read form) use. */
  mediaIdsOf(output: OutputBlock[]): Set<number> {
    return this.imageIds(this.toInput(output));
  },

  /** File ids the blocks (in input form) use. */
  imageIds(input: InputBlock[]): Set<number> {
    const ids = new Set<number>();
    for (const block of input) {
      const definition = definitionOf(block.__component);
      if (!definition) continue;
      for (const { kind, ref } of catalogue.referencesOf(definition.fields, block)) if (kind === 'image') ids.add(ref as number);
    }
    return ids;
  },

  /** Read form (Strapi's populated dynamic zone) → the site's read form: no component ids, media and case studies trimmed. */
  shape(raw: unknown): OutputBlock[] {
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((block) => {
      const definition = isObject(block) ? definitionOf(block.__component) : undefined;
      if (!definition) return [];
      return [{ __component: definition.uid, ...catalogue.shapeFields(definition.fields, block as Record<string, unknown>) }];
    });
  },

  /** Read form → input form (for versions and restores). */
  toInput(output: unknown[]): InputBlock[] {
    return output.flatMap((block) => {
      const definition = isObject(block) ? definitionOf(block.__component) : undefined;
      if (!definition) return [];
      return [{ __component: definition.uid, ...catalogue.toInputFields(definition.fields, block as Record<string, unknown>, { absent: 'null' }) } as InputBlock];
    });
  },

  /** Whether two lists of blocks in input form hold the same values (absent fields count as empty). */
  same(a: InputBlock[], b: InputBlock[]): boolean {
    const canonical = (blocks: InputBlock[]) =>
      JSON.stringify(
        blocks.map((block) => {
          const definition = definitionOf(block.__component);
          return definition ? { __component: definition.uid, ...catalogue.completeFields(definition.fields, block) } : block;
        }),
      );
    return canonical(a) === canonical(b);
  },

  /** Input form → the document service's data for the dynamic zone. */
  toDocumentData(input: InputBlock[]): Record<string, unknown>[] {
    return input.map((block) => {
      const definition = definitionOf(block.__component)!;
      return { __component: definition.uid, ...catalogue.documentFields(definition.fields, block) };
    });
  },

  /** Input form (a kept version) → read form, resolving file ids and case studies as the page would. */
  async resolve(input: InputBlock[]): Promise<OutputBlock[]> {
    const imageIds = new Set<number>();
    const studyIds = new Set<string>();
    for (const block of input) {
      const definition = definitionOf(block.__component);
      if (!definition) continue;
      for (const { kind, ref } of catalogue.referencesOf(definition.fields, block)) {
        if (kind === 'image') imageIds.add(ref as number);
        else studyIds.add(ref as string);
      }
    }
    const files = imageIds.size
      ? ((await strapi.db.query(FILE_UID).findMany({ select: ['id', 'url', 'width', 'height', 'mime'], where: { id: { $in: [...imageIds] } } })) as MediaOut[])
      : [];
    const studies = studyIds.size
      ? ((await strapi.db.query(CASE_STUDY_UID).findMany({
          select: ['id', 'documentId', 'title', 'slug', 'summary', 'organisation', 'publishedAt'],
          where: { documentId: { $in: [...studyIds] } },
          populate: { heroImage: { select: ['id', 'url', 'width', 'height', 'mime'] } },
        })) as (Record<string, unknown> & { documentId: string; publishedAt: string | null })[])
      : [];
    const fileById = new Map(files.map((file) => [file.id, file]));
    // A draft page links the case studies' drafts (Strapi relinks to the published ones on publish).
    const studyById = new Map<string, Record<string, unknown>>();
    for (const study of studies) if (!study.publishedAt || !studyById.has(study.documentId)) studyById.set(study.documentId, study);
    const lookUp = ({ kind, ref }: BlockReference) => (kind === 'image' ? fileById.get(ref as number) : studyById.get(ref as string));
    return this.shape(
      input.map((block) => {
        const definition = definitionOf(block.__component);
        return definition ? { __component: definition.uid, ...catalogue.toReadFields(definition.fields, block, lookUp) } : block;
      }),
    );
  },
});

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${JSON.stringify(issue.path)} ${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type BlocksService = ReturnType<typeof blocksService>;
