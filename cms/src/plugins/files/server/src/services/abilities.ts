import type { ItemAbilities } from '@futurenhs/contract';
import type { WorkspaceAccess } from '../utils';

/**
 * Who may change a folder or a file (rename, describe, move, new version, restore a version) or
 * put it in the bin: the member who created it, while they are still an active member, and the
 * workspace's managers. Everyone who may read the workspace reads it; members add. The recycle
 * bin (restore, purge, empty) is the managers' alone (docs/files.md#who-may-do-what).
 */
export function abilitiesOf(access: WorkspaceAccess, viewerId: number | null, creatorId: number | null | undefined): ItemAbilities {
  const own = access.canPost && viewerId !== null && creatorId === viewerId;
  const allowed = access.canManage || own;
  return { change: allowed, delete: allowed };
}

/** A folder holding others' work is deleted (into the bin) by a manager; its creator may delete it while it is empty. */
export function folderAbilitiesOf(access: WorkspaceAccess, viewerId: number | null, creatorId: number | null | undefined, empty: boolean): ItemAbilities {
  const { change } = abilitiesOf(access, viewerId, creatorId);
  return { change, delete: access.canManage || (change && empty) };
}
