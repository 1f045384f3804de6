import { serviceGetter } from '../../../shared/plugin';
import { PLUGIN_ID } from './constants';
import type services from './services';

/** The plugin's services, typed: `getService(strapi, 'pages').save(...)`. */
export const getService = serviceGetter<typeof services>(PLUGIN_ID);

export { conflict, fieldError, refusal, tableOf, viewerId } from '../../../shared/plugin';
export { membership, membershipOf, type AuditEntry, type MembershipState, type Visibility, type WorkspaceRef } from '../../../membership/server/src/contract';
export { storage, type ServedFile } from '../../../storage/server/src/contract';

/** The catalogue of blocks (@futurenhs/blocks), loaded at run time: it is ESM TypeScript that Node runs as is. */
export interface BlockField {
  kind: 'text' | 'multiline' | 'markdown' | 'url' | 'choice' | 'boolean' | 'integer' | 'image' | 'list' | 'case-study';
  required: boolean;
  item?: { fields: Record<string, BlockField> };
  schema: { safeParse(value: unknown): { success: boolean; data?: unknown } };
}
export interface BlockDefinitionLike {
  uid: string;
  displayName: string;
  workspaceOnly?: boolean;
  fields: Record<string, BlockField>;
  populate(): unknown;
}
export interface BlocksApi {
  catalogue: readonly BlockDefinitionLike[];
  blockDefinition(uid: string): BlockDefinitionLike | undefined;
  validateBlockInput(blocks: unknown): { path: (string | number)[]; message: string }[];
  blocksPopulate(): { on: Record<string, unknown> };
  ukDateTime(iso: string): string;
}

let blocksApi: BlocksApi | null = null;
export function blocks(): BlocksApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  blocksApi ??= require('@futurenhs/blocks') as BlocksApi;
  return blocksApi;
}
