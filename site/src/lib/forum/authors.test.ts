import { describe, expect, it } from 'vitest';
import { authorSchema } from '@futurenhs/contract';

describe('authors as the forum shows them', () => {
  it('lose Unicode direction overrides from their name, job title and organisation (escaping keeps those)', () => {
    const author = authorSchema.parse({ id: 3, name: 'Eve \u202Enimda', jobTitle: '\u2066Nurse\u2069', organisation: null });
    expect(author).toEqual({ id: 3, name: 'Eve nimda', jobTitle: 'Nurse', organisation: null });
  });
});
