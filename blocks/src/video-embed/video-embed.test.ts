import { describe, expect, test } from 'vitest';
import { SAFE_URL_PATTERN } from '../lib/fields.ts';
import { query, queryAll, tagsIn, textOf } from '../test-support/html.ts';
import { issuesOf, testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { videoEmbedFixtures, videoEmbedInvalid } from './fixtures.ts';
import { VIDEO_URL_PATTERN, parseVideoUrl } from './video-url.ts';

describe('video embed', () => {
  testSchemaAndFixtures('blocks.video-embed', videoEmbedFixtures, videoEmbedInvalid);

  describe('video addresses', () => {
    test.each([
      ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
      ['https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=10', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
      ['https://youtube.com/shorts/aqz-KE-bpKQ', 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ'],
      ['https://www.youtube.com/embed/aqz-KE-bpKQ?rel=0', 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ'],
      ['https://youtu.be/aqz-KE-bpKQ?t=30', 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ'],
      ['https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ', 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ'],
      ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?dnt=1'],
      ['https://vimeo.com/76979871/8272103f6e', 'https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1'],
      ['https://player.vimeo.com/video/76979871?h=8272103f6e', 'https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1'],
    ])('%s plays from %s', (address, embedUrl) => {
      expect(parseVideoUrl(address)?.embedUrl).toBe(embedUrl);
      expect(new RegExp(VIDEO_URL_PATTERN).test(address)).toBe(true);
    });

    test.each([
      'https://www.youtube.com/watch?v=short',
      'https://www.youtube.com/watch?v=short&v=dQw4w9WgXcQ',
      'https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
      'https://evil.example/?https://youtu.be/dQw4w9WgXcQ',
      'http://youtu.be/dQw4w9WgXcQ',
      'https://vimeo.com/channels/staffpicks/76979871',
      'https://vimeo.com/76979871/not-a-hash',
      'javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ',
      'https://youtu.be/dQw4w9WgXcQ"><script>',
    ])('%s is refused', (address) => {
      expect(parseVideoUrl(address)).toBeNull();
      expect(issuesOf('blocks.video-embed', { __component: 'blocks.video-embed', title: 'Launch', url: address })).toHaveProperty('url');
    });

    test('every address the video pattern admits is also a safe link', () => {
      for (const { url } of Object.values(videoEmbedFixtures)) expect(new RegExp(SAFE_URL_PATTERN).test(url)).toBe(true);
    });
  });

  test('renders a privacy-enhanced YouTube player with a title, lazy loading and a transcript link', async () => {
    const { root } = await renderBlock('blocks.video-embed', videoEmbedFixtures.youtube);
    const iframe = query(root, 'div.fnhs-video-embed iframe');
    expect(iframe.attrs).toMatchObject({
      src: 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      title: 'Video: How the Derby frailty virtual ward works (4 minutes)',
      loading: 'lazy',
      referrerpolicy: 'strict-origin-when-cross-origin',
    });
    expect(iframe.attrs).toHaveProperty('allowfullscreen');
    const transcript = query(root, 'p a.nhsuk-link');
    expect(transcript.attrs.href).toBe('/workspaces/virtual-wards/files/77');
    expect(textOf(transcript)).toBe('Read the transcript of How the Derby frailty virtual ward works (4 minutes)');
    expect(textOf(query(transcript, 'span.nhsuk-u-visually-hidden'))).toBe('of How the Derby frailty virtual ward works (4 minutes)');
  });

  test('renders Vimeo with do-not-track, and no transcript link when there is none', async () => {
    const { root } = await renderBlock('blocks.video-embed', videoEmbedFixtures.vimeoUnlisted);
    expect(query(root, 'iframe').attrs.src).toBe('https://player.vimeo.com/video/76979871?h=8272103f6e&dnt=1');
    const { root: withoutTranscript } = await renderBlock('blocks.video-embed', videoEmbedFixtures.youtubeShortLink);
    expect(queryAll(withoutTranscript, 'a')).toEqual([]);
  });

  test('the title is escaped inside the iframe title attribute', async () => {
    const { html, root } = await renderBlock('blocks.video-embed', videoEmbedFixtures.hostileText);
    // Inside a quoted attribute only the quote needs escaping; "<" there is plain text.
    expect(html).toContain('title="Video: &quot;><script>');
    expect(tagsIn(root)).not.toContain('script');
    expect(query(root, 'iframe').attrs.title).toBe('Video: "><script>alert(1)</script>');
  });
});
