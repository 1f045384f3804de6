import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { EVERY_KIND_DOCUMENT, TINY_PNG } from './fixtures';
import type { DocumentJson } from './nodes';

import { documentSchema } from '../schema';

const typesIn = (node: DocumentJson, into = new Set<string>()): Set<string> => {
  into.add(node.type);
  for (const mark of node.marks ?? []) into.add(mark.type);
  for (const child of node.content ?? []) typesIn(child, into);
  return into;
};

describe('EVERY_KIND_DOCUMENT', () => {
  it('is a valid document as the editor stores it, attributes and all', async () => {
    const schema = await documentSchema();
    const node = schema.nodeFromJSON(EVERY_KIND_DOCUMENT);
    node.check();
    expect(node.toJSON()).toEqual(EVERY_KIND_DOCUMENT);
  });

  it('holds every node and mark the schema has', async () => {
    const schema = await documentSchema();
    const used = typesIn(EVERY_KIND_DOCUMENT);
    for (const name of [...Object.keys(schema.nodes), ...Object.keys(schema.marks)]) expect(used, name).toContain(name);
  });

  it('has a tiny PNG that is a real picture', async () => {
    const meta = await sharp(TINY_PNG).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1, height: 1 });
  });
});
