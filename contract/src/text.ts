import { z } from 'zod';

/**
 * Unicode direction overrides: escaping on render keeps text inert, but these survive escaping and
 * can disguise what a reader sees ("txt.exe" shown as "exe.txt", who wrote what). Never stored in
 * block text, and removed from every name, title and reason the site shows.
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function cleanText(value: string | null | undefined): string {
  return (value ?? '').replace(BIDI_CONTROLS, '');
}

/** Plain text from an answer, cleaned on the way in. */
export const plainText = z.string().transform((value) => cleanText(value));
export const optionalPlainText = z
  .string()
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : cleanText(value)));

/** A time the site formats: refused unless it reads as a date. */
export const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'Expected an ISO date and time');

/** A path on this site, which the site makes a link of: never another host (`//`, `/\`) or a script URL. */
export const sitePathSchema = z.string().regex(/^\/(?![/\\])[^\s<>"]*$/, 'Expected a path on this site');

