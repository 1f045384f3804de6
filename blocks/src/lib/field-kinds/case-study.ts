import { z } from 'zod';
import { cleanText } from '../markdown.ts';
import { common, isObject, optionalUnless, type Common, type Field } from './kind.ts';
import { readChoice } from './choice.ts';
import { IMAGE_FIELDS, imageSchema, shapeMedia } from './image.ts';
import { referenceKind } from './reference.ts';

/** A case study chosen by the editor, fetched live so its title and summary stay current. */
export const caseStudyReferenceSchema = z.object({
  id: z.number().optional(),
  documentId: z.string().optional(),
  title: z.string().min(1).transform((value) => cleanText(value)),
  // Strapi's uid alphabet; the slug goes into a URL path, so nothing else is accepted, nor "." or "..".
  slug: z.string().regex(/^(?!\.+$)[A-Za-z0-9._~-]+$/),
  summary: z.string().transform((value) => cleanText(value)),
  organisation: z.string().transform((value) => cleanText(value)).nullish(),
  heroImage: imageSchema.nullish(),
});
export type CaseStudyReference = z.infer<typeof caseStudyReferenceSchema>;

export function caseStudy<R extends boolean = false>(options: Common<R> = {}) {
  return {
    kind: 'case-study',
    schema: optionalUnless(caseStudyReferenceSchema, options.required),
    ...common(options),
    attribute: () => ({ type: 'relation', relation: 'oneToOne', target: 'api::case-study.case-study' }),
    populate: () => ({ fields: ['title', 'slug', 'summary', 'organisation'], populate: { heroImage: { fields: IMAGE_FIELDS } } }),
  } satisfies Field;
}

function caseStudyId(value: unknown): string | null {
  if (typeof value === 'string' && value) return value;
  if (isObject(value) && 'documentId' in value) return caseStudyId(value.documentId);
  return null;
}

// Whether a relation is set cannot be told from an update's input ({ connect: [] } also means
// "unchanged"), so validation always stands one in; the site skips a highlight without its case
// study, with a warning, and the builder's form checks a required one itself (`check`).
const PLACEHOLDER_CASE_STUDY = { title: 'Submitted case study', slug: 'submitted-case-study', summary: 'Submitted' };

const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

/** One published case study: its documentId in input form, its fields in read form. */
export const caseStudyKind = referenceKind({
  holds: 'case-study',
  keyOf: caseStudyId,
  sent: (value) => (typeof value.documentId === 'string' ? value.documentId : undefined),
  valid: (key) => typeof key === 'string' && /^[A-Za-z0-9]{1,64}$/.test(key),
  issue: 'Choose a published case study',
  shape(value) {
    if (!isObject(value) || typeof value.documentId !== 'string') return null;
    return {
      documentId: value.documentId,
      title: value.title ?? null,
      slug: value.slug ?? null,
      summary: value.summary ?? null,
      organisation: value.organisation ?? null,
      heroImage: shapeMedia(value.heroImage),
    };
  },
  standIn: () => PLACEHOLDER_CASE_STUDY,
  // A relation is written through Strapi's document service as a set of documents.
  toDocument: (value) => (typeof value === 'string' ? { set: [{ documentId: value }] } : { set: [] }),
  form: {
    initial: () => null,
    // A select of the published case studies.
    read: readChoice,
    input(field, common, raw, _current, context) {
      const documentId = caseStudyId(raw) ?? '';
      const options = context.caseStudies.map((study) => ({ value: study.documentId, label: study.title }));
      // The chosen case study may no longer be published: keep it chosen rather than lose it silently.
      if (documentId && !options.some((option) => option.value === documentId)) {
        const title = isObject(raw) && typeof raw.title === 'string' ? raw.title : 'The case study chosen before (not published now)';
        options.unshift({ value: documentId, label: title });
      }
      return { kind: 'case-study', ...common, required: field.required, options, value: documentId };
    },
    emptyMessage: () => 'Choose a case study',
    check: (field, value) => (field.required && isEmpty(value) ? 'Choose a case study' : undefined),
  },
});
