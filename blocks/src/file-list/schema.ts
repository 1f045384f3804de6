import { defineBlock } from '../lib/define-block.ts';
import { choice, headingLevel, integer, integerWithDefault, text } from '../lib/fields.ts';

export const FILE_LIST_MAX = 20;
/** Folder ids are database ids: whole numbers from 1 (Strapi's integer column). */
export const FOLDER_ID_MAX = 2_147_483_647;
/** `name`: A to Z; `newest`: the most recently changed first. */
export const FILE_LIST_SORTS = ['newest', 'name'] as const;
export type FileListSort = (typeof FILE_LIST_SORTS)[number];

/**
 * A folder's files, shown live. Only the choice of folder and the presentation are stored with
 * the page: the files are read when the page is rendered, for the viewer (see live.ts), so an
 * upload, a new version or a deletion shows at once and nobody sees a file they may not read.
 */
export const fileList = defineBlock({
  name: 'file-list',
  displayName: 'File list',
  description: 'The files of one folder of this workspace, kept up to date as members upload them, with a link to the whole folder.',
  icon: 'folder',
  group: 'Live',
  order: 170,
  workspaceOnly: true,
  fields: {
    heading: text({ max: 120, description: 'Optional: for example "Board papers" or "Templates". Leave empty when the heading before the block says what the files are' }),
    headingLevel: headingLevel({ default: 'h2' }),
    folder: integer({
      min: 1,
      max: FOLDER_ID_MAX,
      label: 'Folder number',
      description:
        'Leave empty for the files at the top level of this workspace’s files. For a folder: open it on the Files page and copy the number at the end of its address (for /workspaces/…/files/12, enter 12)',
    }),
    count: integerWithDefault({ min: 1, max: FILE_LIST_MAX, default: 5, label: 'Number of files', description: 'How many files to show, from 1 to 20' }),
    sort: choice(FILE_LIST_SORTS, { default: 'newest', label: 'Order', description: 'Newest: the files changed most recently first. Name: A to Z' }),
  },
});
