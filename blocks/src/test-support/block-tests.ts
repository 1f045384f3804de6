import { expect, test } from 'vitest';
import type { BlockUid } from '../catalogue.ts';
import { blockDefinition } from '../catalogue.ts';
import { markupProblems } from './html.ts';
import { renderBlock } from './render.ts';

/**
 * The checks every block shares: its schema accepts each named fixture and refuses each invalid
 * example, and each fixture renders to well-formed markup with no structural accessibility or
 * safety problems. Block tests call this, then test what is particular to the block.
 */
export function testSchemaAndFixtures(uid: BlockUid, fixtures: Record<string, unknown>, invalid: readonly unknown[]) {
  const definition = blockDefinition(uid)!;

  test.each(Object.entries(fixtures))('the schema accepts fixture "%s"', (_name, fixture) => {
    const result = definition.schema.safeParse(fixture);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  test.each(invalid.map((example, index) => [index, example] as const))('the schema refuses invalid example %i', (_index, example) => {
    expect(definition.schema.safeParse(example).success).toBe(false);
  });

  test.each(Object.entries(fixtures))('fixture "%s" renders well-formed, accessible, inert markup', async (_name, fixture) => {
    const { root } = await renderBlock(uid, fixture);
    expect(markupProblems(root)).toEqual([]);
  });
}

/** The messages of the issues a schema reports for `data`, keyed by the path of the field. */
export function issuesOf(uid: BlockUid, data: unknown): Record<string, string[]> {
  const result = blockDefinition(uid)!.schema.safeParse(data);
  const issues: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (issues[issue.path.join('.')] ??= []).push(issue.message);
  return issues;
}
