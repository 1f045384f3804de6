/**
 * Words NHS staff use for one another: searching either finds both. Kept to a short list of
 * unambiguous ones; each group is read as words a member types (letters and digits only: "A&E"
 * reaches an engine as "a e", so its group is spelt that way). Any engine may read it; the
 * Meilisearch engine applies it as index settings.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['gp', 'general practitioner', 'family doctor'],
  ['a e', 'accident and emergency', 'emergency department'],
  ['icb', 'integrated care board'],
  ['pcn', 'primary care network'],
  ['copd', 'chronic obstructive pulmonary disease'],
  ['ltc', 'long term condition'],
  ['ahp', 'allied health professional'],
  ['mdt', 'multidisciplinary team'],
];

/** Every spelling → the others of its group (Meilisearch's `synonyms` setting: mutual synonyms). */
export function synonymMap(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) for (const term of group) map[term] = group.filter((other) => other !== term);
  return map;
}
