import { defineBlock } from '../lib/define-block.ts';
import { headingLevel, integerWithDefault, textWithDefault } from '../lib/fields.ts';

export const LATEST_DISCUSSIONS_HEADING = 'Latest discussions';
export const LATEST_DISCUSSIONS_MAX = 10;

/**
 * The workspace's latest discussions. Only the presentation is stored with the page: the
 * discussions themselves are fetched live when the page is rendered (see live.ts), because a
 * stored copy would be out of date the moment someone posts.
 */
export const latestDiscussions = defineBlock({
  name: 'latest-discussions',
  displayName: 'Latest discussions',
  description: 'The discussions of this workspace with the most recent activity, kept up to date as members post.',
  icon: 'discuss',
  group: 'Live',
  order: 160,
  workspaceOnly: true,
  fields: {
    heading: textWithDefault({ max: 120, default: LATEST_DISCUSSIONS_HEADING, description: 'For example "Latest discussions" or "What members are talking about"' }),
    headingLevel: headingLevel({ default: 'h2' }),
    count: integerWithDefault({ min: 1, max: LATEST_DISCUSSIONS_MAX, default: 5, label: 'Number of discussions', description: 'How many discussions to show, from 1 to 10' }),
  },
});
