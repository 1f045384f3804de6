import { describe, expect, it } from 'vitest';
import { versionTitle } from './format.ts';

describe('versionTitle', () => {
  it('is the name a member gave it', () => {
    expect(versionTitle({ name: 'Sent to the board', automatic: false, restoredFrom: null })).toBe('Sent to the board');
  });
  it('says why an unnamed version was kept', () => {
    expect(versionTitle({ name: null, automatic: true, restoredFrom: null })).toBe('Automatic: after an editing session');
    expect(versionTitle({ name: null, automatic: true, restoredFrom: 3 })).toBe('Automatic: before a restore');
  });
});
