import { describe, expect, it } from 'vitest';
import { textColourOn } from './caret-colour.ts';

describe('textColourOn', () => {
  it('puts white on dark colours and black on light ones', () => {
    expect(textColourOn('#005eb8')).toBe('#ffffff');
    expect(textColourOn('#330072')).toBe('#ffffff');
    expect(textColourOn('#ffeb3b')).toBe('#212b32');
    expect(textColourOn('#41b6e6')).toBe('#212b32');
  });
  it('falls back to white for anything that is not a six-digit colour', () => {
    expect(textColourOn('red')).toBe('#ffffff');
  });
});
