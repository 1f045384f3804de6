import { Marked, type Token } from 'marked';
import { z } from 'zod';
import { common, optionalUnless, plainWords, requiredFlag, type Common, type Field, type FieldKind } from './kind.ts';
import { textKind } from './text.ts';

/** Formatted text, stored as Markdown and rendered through the sanitizer (never raw HTML). */
export function markdown<R extends boolean = false>(options: Common<R> & { max: number }) {
  const base = z.string().max(options.max, `Must be ${options.max} characters or fewer`);
  const schema: z.ZodString = options.required ? base.refine((value) => value.trim().length > 0, 'Enter some text') : base;
  return {
    kind: 'markdown',
    schema: optionalUnless(schema, options.required),
    ...common(options),
    attribute: () => ({ type: 'richtext', maxLength: options.max, ...requiredFlag(options.required) }),
  } satisfies Field;
}

const lexer = new Marked({ gfm: true });

/** The words of Markdown without its marks: headings, emphasis, links (their text), lists and tables. */
export function markdownPlainText(source: string): string {
  const words: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][]; text?: string };
      if (t.type === 'table') {
        for (const cell of [...(t.header ?? []), ...(t.rows ?? []).flat()]) {
          visit(cell.tokens);
          words.push(' ');
        }
      } else if (t.type === 'list') visit(t.items ?? []);
      else if (t.tokens?.length) visit(t.tokens);
      else if (t.type === 'code' || t.type === 'codespan' || t.type === 'text' || t.type === 'escape' || t.type === 'html') words.push(t.text ?? '');
      // Blocks and line breaks part words; inline marks do not ("**N**HS" reads "NHS").
      if (t.type === 'paragraph' || t.type === 'heading' || t.type === 'list_item' || t.type === 'space' || t.type === 'br') words.push(' ');
    }
  };
  visit(lexer.lexer(source));
  return plainWords(words.join(''));
}

/** Text whose words are read without the Markdown marks. */
export const markdownKind: FieldKind = { ...textKind, plainText: (value) => (typeof value === 'string' ? markdownPlainText(value) : '') };
