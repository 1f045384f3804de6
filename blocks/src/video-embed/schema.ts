import { defineBlock } from '../lib/define-block.ts';
import { text, url } from '../lib/fields.ts';
import { VIDEO_URL_MESSAGE, VIDEO_URL_PATTERN, parseVideoUrl } from './video-url.ts';

export const videoEmbed = defineBlock({
  name: 'video-embed',
  displayName: 'Video',
  description: 'A YouTube or Vimeo video, played from the privacy-enhanced player.',
  icon: 'play',
  group: 'Media',
  order: 140,
  fields: {
    title: text({ required: true, max: 150, description: 'What the video is, e.g. "How our virtual ward works (4 minutes)". Names the player for screen readers.' }),
    url: url({ required: true, label: 'Video address', pattern: VIDEO_URL_PATTERN, patternMessage: VIDEO_URL_MESSAGE, description: 'The YouTube or Vimeo address of the video' }),
    transcriptUrl: url({ description: 'A page or file with the transcript. Needed unless the video has accurate captions and no information only in pictures.' }),
  },
  refine: (value, ctx) => {
    // The pattern admits the address; this also checks the id can be read from it.
    if (value.url && !parseVideoUrl(value.url)) ctx.addIssue({ code: 'custom', path: ['url'], message: VIDEO_URL_MESSAGE });
  },
});
