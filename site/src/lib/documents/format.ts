import type { DocumentVersion } from '@futurenhs/contract';

/** How a version is called on the pages: its member-given name, or what kept it. */
export function versionTitle(version: Pick<DocumentVersion, 'name' | 'automatic' | 'restoredFrom'>): string {
  if (version.name) return version.name;
  if (version.restoredFrom !== null) return 'Automatic: before a restore';
  return version.automatic ? 'Automatic: after an editing session' : 'Unnamed version';
}

/** The visually hidden word that tells what happened to a block, so a change is never told by colour alone. */
export const CHANGE_WORDS = { added: 'Added: ', removed: 'Removed: ', changed: 'Changed: ', same: '' } as const;
