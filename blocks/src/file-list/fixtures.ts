import type { BlockFixtures } from '../types.ts';
import type { FileCard, FileListLive } from './live.ts';

export const fileListFixtures = {
  // First: the page builder's catalogue test adds each block from its first fixture to a new
  // workspace, where only the top level exists.
  topLevel: {
    __component: 'blocks.file-list',
    id: 171,
    heading: 'Key documents',
    headingLevel: 'h2',
    folder: null,
    count: 5,
    sort: 'newest',
  },
  boardPapers: {
    __component: 'blocks.file-list',
    id: 172,
    heading: 'Board papers',
    headingLevel: 'h3',
    folder: 12,
    count: 3,
    sort: 'name',
  },
  // A block saved before its fields had values: the defaults apply, and there is no heading.
  defaults: {
    __component: 'blocks.file-list',
    id: 173,
    heading: null,
    headingLevel: null,
    folder: null,
    count: null,
    sort: null,
  },
  empty: {
    __component: 'blocks.file-list',
    id: 174,
    heading: 'Templates',
    headingLevel: 'h2',
    folder: 31,
    count: 5,
    sort: 'name',
  },
  folderGone: {
    __component: 'blocks.file-list',
    id: 175,
    heading: 'Last year’s minutes',
    headingLevel: 'h2',
    folder: 7,
    count: 5,
    sort: 'newest',
  },
  hostileText: {
    __component: 'blocks.file-list',
    id: 176,
    heading: '<script>window.__pwned=1</script>Files\u202E',
    headingLevel: 'h4',
    folder: 13,
    count: 20,
    sort: 'newest',
  },
} satisfies BlockFixtures<'blocks.file-list'>;

export const fileListInvalid = [
  { __component: 'blocks.file-list', count: 0 },
  { __component: 'blocks.file-list', count: 21 },
  { __component: 'blocks.file-list', count: 2.5 },
  { __component: 'blocks.file-list', folder: 0 },
  { __component: 'blocks.file-list', folder: -3 },
  { __component: 'blocks.file-list', folder: 1.5 },
  { __component: 'blocks.file-list', folder: '12' },
  { __component: 'blocks.file-list', folder: 2_147_483_648 },
  { __component: 'blocks.file-list', sort: 'size' },
  { __component: 'blocks.file-list', headingLevel: 'h1' },
  { __component: 'blocks.file-list', heading: 'x'.repeat(121) },
];

const file = (id: number, name: string, label: string, size: number, updatedAt: string, extra: Partial<FileCard> = {}): FileCard => ({
  id,
  kind: 'file',
  name,
  label,
  size,
  updatedAt,
  scan: 'unscanned',
  ...extra,
});

/** Six files as the files plugin lists a folder, newest first. */
const sixFiles: FileCard[] = [
  file(88, 'Board pack November 2026.pdf', 'PDF', 1_843_200, '2026-11-24T07:45:00.000Z'),
  file(87, 'Minutes October 2026.docx', 'Word document', 48_640, '2026-11-20T18:12:00.000Z'),
  file(86, 'Waiting list extract.csv', 'CSV', 812, '2026-11-18T10:00:00.000Z', { scan: 'pending' }),
  file(85, 'Pathway map.png', 'PNG image', 245_760, '2026-11-10T15:00:00.000Z'),
  file(84, 'Risk register.xlsx', 'Excel spreadsheet', 30_100, '2026-10-30T08:00:00.000Z'),
  file(83, 'Terms of reference.pdf', 'PDF', 96_256, '2026-10-02T12:00:00.000Z'),
];

const byName = (files: FileCard[]) => files.toSorted((a, b) => a.name.localeCompare(b.name, 'en-GB'));

/**
 * The live props each fixture is shown with (the gallery and the tests): what the site would read
 * from the files plugin for a workspace, keyed by fixture name.
 */
export const fileListLiveFixtures: Record<keyof typeof fileListFixtures, FileListLive> = {
  topLevel: { workspaceSlug: 'virtual-wards', folder: null, files: sixFiles.slice(0, 5), missing: false },
  boardPapers: { workspaceSlug: 'virtual-wards', folder: { id: 12, name: 'Board papers' }, files: byName(sixFiles), missing: false },
  defaults: { workspaceSlug: 'virtual-wards', folder: null, files: sixFiles.slice(0, 5), missing: false },
  empty: { workspaceSlug: 'virtual-wards', folder: { id: 31, name: 'Templates' }, files: [], missing: false },
  folderGone: { workspaceSlug: 'virtual-wards', folder: null, files: [], missing: true },
  hostileText: {
    workspaceSlug: 'virtual-wards',
    folder: { id: 13, name: '<b onmouseover="window.__pwned=1">Papers</b>\u2066' },
    files: [
      file(99, '<img src=x onerror="window.__pwned=1">Minutes \u202Egnp.exe', '<i>PDF</i>', 1024, '2026-11-24T07:45:00.000Z', { scan: 'infected' }),
    ],
    missing: false,
  },
};
