import { z } from 'zod';
import { common, optionalUnless, requiredFlag, scalar, type Common, type Field, type FieldKind } from './kind.ts';
import { textForm } from './text.ts';

/**
 * Links may be absolute http(s), site-relative paths, in-page fragments, mailto: or tel:. Anything
 * else (javascript:, data:, vbscript:) is refused. A path may not start with "//" or "/\\", which
 * browsers treat as a link to another host. Whitespace, control characters, quotes, angle brackets
 * and Unicode direction overrides are refused anywhere. The same pattern is Strapi's `regex`, so the
 * admin refuses what the site would refuse.
 */
const URL_CHAR = '[^\\s<>"\\u0000-\\u001F\\u007F\\u202A-\\u202E\\u2066-\\u2069]';
export const SAFE_URL_PATTERN =
  `^(https?://${URL_CHAR}+|/(?![/\\\\])${URL_CHAR}*|#[A-Za-z][\\w-]*|mailto:[^\\s<>"@:/]+@[A-Za-z0-9.-]+|tel:\\+?[0-9 ()-]{3,20})$`;
const SAFE_URL_MESSAGE = 'Enter a web address starting with https://, or a path on this site starting with /';

function safeUrl(pattern: string, message: string) {
  return z.string().trim().max(2000, 'Must be 2000 characters or fewer').regex(new RegExp(pattern), message);
}

/**
 * A link. `pattern` narrows what is accepted (e.g. only YouTube and Vimeo addresses); it must be
 * no looser than SAFE_URL_PATTERN, and it is written to Strapi as the attribute's regex too.
 */
export function url<R extends boolean = false>(options: Common<R> & { pattern?: string; patternMessage?: string } = {}) {
  const pattern = options.pattern ?? SAFE_URL_PATTERN;
  let schema: z.ZodType<string, string> = safeUrl(pattern, options.patternMessage ?? SAFE_URL_MESSAGE);
  // A narrower pattern still has to pass the general one: it guards against a careless pattern.
  if (options.pattern) schema = schema.pipe(safeUrl(SAFE_URL_PATTERN, SAFE_URL_MESSAGE));
  return {
    kind: 'url',
    schema: optionalUnless(schema, options.required),
    ...common(options),
    // 'text', not 'string': Strapi's string column is varchar(255), too short for real-world links.
    attribute: () => ({ type: 'text', maxLength: 2000, regex: pattern, ...requiredFlag(options.required) }),
  } satisfies Field;
}

/** A link is kept as typed (its schema refuses what is unsafe) and has no words of its own. */
export const urlKind: FieldKind = { ...scalar, form: textForm };
