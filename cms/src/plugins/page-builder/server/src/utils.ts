import { serviceGetter } from '../../../common/plugin';
import { PLUGIN_ID } from './constants';
import type services from './services';

/** The plugin's services, typed: `getService(strapi, 'pages').save(...)`. */
export const getService = serviceGetter<typeof services>(PLUGIN_ID);

export { conflict, fieldError, refusal, tableOf, viewerId } from '../../../common/plugin';
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
export type FieldPath = (string | number)[];
export type FieldValues = Record<string, unknown>;
export type ReferenceKind = 'image' | 'case-study';
export interface BlockReference {
  kind: ReferenceKind;
  ref: number | string;
}
/** The package's FieldKind: what one kind of field does with a value. */
export interface BlockFieldKind {
  clean(value: unknown): { value: unknown; issue?: string };
  holds?: ReferenceKind;
  defaulted?: boolean;
}
export interface BlockFieldEntry {
  name: string;
  field: BlockField;
  kind: BlockFieldKind;
  value: unknown;
  present: boolean;
  path: FieldPath;
}
type Fields = Record<string, BlockField>;
export interface BlocksApi {
  catalogue: readonly BlockDefinitionLike[];
  blockDefinition(uid: string): BlockDefinitionLike | undefined;
  validateBlockInput(blocks: unknown): { path: (string | number)[]; message: string }[];
  blocksPopulate(): { on: Record<string, unknown> };
  ukDateTime(iso: string): string;
  /** The field walker and its conversions (the package's walk-fields.ts). */
  OMIT: symbol;
  walkFields(fields: Fields, value: FieldValues, visit: (entry: BlockFieldEntry) => void, path?: FieldPath): void;
  mapFields(
    fields: Fields,
    value: FieldValues,
    leaf: (entry: BlockFieldEntry) => unknown,
    options?: { omit?: (entry: BlockFieldEntry) => boolean; invalidList?: 'empty' | 'keep'; keepOthers?: boolean; path?: FieldPath },
  ): FieldValues;
  toInputFields(fields: Fields, value: FieldValues, options: { absent: 'null' | 'omit' }): FieldValues;
  toReadFields(fields: Fields, value: FieldValues, resolve: (reference: BlockReference) => unknown): FieldValues;
  shapeFields(fields: Fields, value: FieldValues): FieldValues;
  completeFields(fields: Fields, value: FieldValues): FieldValues;
  documentFields(fields: Fields, value: FieldValues): FieldValues;
  referencesOf(fields: Fields, value: FieldValues, path?: FieldPath): (BlockReference & { path: FieldPath; required: boolean })[];
  emptyValueOf(field: BlockField): unknown;
}

let blocksApi: BlocksApi | null = null;
export function blocks(): BlocksApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  blocksApi ??= require('@futurenhs/blocks') as BlocksApi;
  return blocksApi;
}
