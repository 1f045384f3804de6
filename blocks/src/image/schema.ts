import { defineBlock } from '../lib/define-block.ts';
import { boolean, image, multiline, text } from '../lib/fields.ts';
import { requireAltTextUnlessDecorative } from '../lib/rules.ts';

export const imageBlock = defineBlock({
  name: 'image',
  displayName: 'Image with caption',
  description: 'A photo, chart or diagram, with alt text and an optional caption.',
  icon: 'picture',
  group: 'Media',
  order: 60,
  fields: {
    image: image({ required: true }),
    altText: text({ max: 250, description: 'What the image shows, for people who cannot see it. Not needed if it is decorative.' }),
    isDecorative: boolean({ default: false, description: 'Tick only if the image adds no information (e.g. a background pattern)' }),
    caption: multiline({ max: 300, description: 'Shown under the image; also read by screen readers' }),
  },
  refine: requireAltTextUnlessDecorative({ image: 'image', altText: 'altText', isDecorative: 'isDecorative' }),
});
