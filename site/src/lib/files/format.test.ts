import { describe, expect, it } from 'vitest';
import { downloadable, humanSize, scanWords } from './format.ts';

describe('files formatting', () => {
  it('says sizes as people read them', () => {
    expect(humanSize(0)).toBe('0 bytes');
    expect(humanSize(1)).toBe('1 byte');
    expect(humanSize(1023)).toBe('1,023 bytes');
    expect(humanSize(1536)).toBe('1.5 KB');
    expect(humanSize(250 * 1024 * 1024)).toBe('250 MB');
    expect(humanSize(3 * 1024 ** 3)).toBe('3 GB');
  });

  it('says a virus check in words, and lets only checked or unscanned versions be downloaded', () => {
    expect(scanWords('pending')?.text).toBe('Being checked for viruses');
    expect(scanWords('failed')?.text).toBe('Failed virus check');
    expect(scanWords('clean')).toBeNull();
    expect(scanWords('unscanned')).toBeNull();
    expect(['unscanned', 'clean', 'pending', 'failed', 'infected'].filter((scan) => downloadable(scan as never))).toEqual(['unscanned', 'clean']);
  });
});
