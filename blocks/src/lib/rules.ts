import type { z } from 'zod';

/**
 * Rules that span several fields of a block or list item. Each returns a refinement for
 * `defineBlock({ refine })` or `list({ refine })`, so the rule is stated once and the message
 * points the editor at the field to fix.
 */

export const ALT_TEXT_MESSAGE = 'Enter alt text that says what the image shows, or tick "decorative" if it adds nothing to the text';

/** WCAG 1.1.1: an image carries alt text unless the editor has said it is purely decorative. */
export function requireAltTextUnlessDecorative<K extends { image: string; altText: string; isDecorative: string }>(keys: K) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const image = value[keys.image];
    const altText = value[keys.altText];
    const isDecorative = value[keys.isDecorative] === true;
    if (image && !isDecorative && !(typeof altText === 'string' && altText.trim().length > 0)) {
      ctx.addIssue({ code: 'custom', path: [keys.altText], message: ALT_TEXT_MESSAGE });
    }
  };
}
