import type { BlockFixtures } from '../types.ts';

export const videoEmbedFixtures = {
  youtube: {
    __component: 'blocks.video-embed',
    id: 131,
    title: 'How the Derby frailty virtual ward works (4 minutes)',
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    transcriptUrl: '/workspaces/virtual-wards/files/77',
  },
  youtubeShortLink: {
    __component: 'blocks.video-embed',
    id: 132,
    title: 'Remote monitoring: a patient’s story',
    url: 'https://youtu.be/aqz-KE-bpKQ?t=30',
    transcriptUrl: null,
  },
  vimeoUnlisted: {
    __component: 'blocks.video-embed',
    id: 133,
    title: 'Regional network launch event recording',
    url: 'https://vimeo.com/76979871/8272103f6e',
    transcriptUrl: 'https://www.england.nhs.uk/virtual-wards/',
  },
  hostileText: {
    __component: 'blocks.video-embed',
    id: 134,
    title: '"><script>alert(1)</script>',
    url: 'https://player.vimeo.com/video/76979871',
    transcriptUrl: null,
  },
} satisfies BlockFixtures<'blocks.video-embed'>;

export const videoEmbedInvalid = [
  { __component: 'blocks.video-embed', title: 'Launch', url: 'https://evil.example/watch?v=dQw4w9WgXcQ' },
  { __component: 'blocks.video-embed', title: 'Launch', url: 'http://www.youtube.com/watch?v=dQw4w9WgXcQ' },
  { __component: 'blocks.video-embed', title: 'Launch', url: 'https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ' },
  { __component: 'blocks.video-embed', title: 'Launch', url: 'https://www.youtube.com/watch?v=short' },
  { __component: 'blocks.video-embed', title: 'Launch', url: 'https://vimeo.com/channels/staffpicks' },
  { __component: 'blocks.video-embed', title: 'Launch', url: 'javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ' },
  { __component: 'blocks.video-embed', title: '', url: 'https://youtu.be/dQw4w9WgXcQ' },
  { __component: 'blocks.video-embed', url: 'https://youtu.be/dQw4w9WgXcQ' },
  { __component: 'blocks.video-embed', title: 'Launch', url: 'https://youtu.be/dQw4w9WgXcQ', transcriptUrl: 'javascript:alert(1)' },
];
