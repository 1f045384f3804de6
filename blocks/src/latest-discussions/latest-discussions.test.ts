import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, test } from 'vitest';
import BlockList from '../BlockList.astro';
import { catalogue } from '../catalogue.ts';
import { dynamicZoneComponents } from '../generate-components.ts';
import type { BlockData } from '../types.ts';
import { markupProblems, parseHtml, query, queryAll, textOf, type HtmlElement } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { latestDiscussionsFixtures, latestDiscussionsInvalid, latestDiscussionsLiveFixtures } from './fixtures.ts';
import { activityTime, commentCountText } from './format.ts';
import { latestDiscussions } from './schema.ts';
import { discussionCardSchema, discussionListSchema, discussionsFingerprint, latestDiscussionsLoader, type LatestDiscussionsLive } from './live.ts';

type FixtureName = keyof typeof latestDiscussionsFixtures;
const definition = latestDiscussions;

/** Renders a fixture as a page does: the stored block through BlockList, with the live data the site fetched. */
async function renderLive(name: FixtureName, live: LatestDiscussionsLive | null = latestDiscussionsLiveFixtures[name]) {
  const block = definition.schema.parse(latestDiscussionsFixtures[name]) as BlockData;
  // The site parses the forum's answer with the same schema before handing it over.
  const parsed = live && { ...live, discussions: live.discussions.map((card) => discussionCardSchema.parse(card)) };
  const container = await AstroContainer.create();
  const html = await container.renderToString(BlockList, { props: { blocks: [block], live: parsed ? new Map([[block, parsed]]) : undefined } });
  return { html, root: parseHtml(html) };
}

const items = (root: HtmlElement) => queryAll(root, 'ul.nhsuk-list li');

describe('latest discussions', () => {
  testSchemaAndFixtures('blocks.latest-discussions', latestDiscussionsFixtures, latestDiscussionsInvalid);

  test('fields left empty take their defaults: the heading "Latest discussions", h2, five discussions', () => {
    expect(definition.schema.parse(latestDiscussionsFixtures.defaults)).toEqual({
      __component: 'blocks.latest-discussions',
      id: 152,
      heading: 'Latest discussions',
      headingLevel: 'h2',
      count: 5,
    });
    expect(definition.schema.parse({ __component: 'blocks.latest-discussions', heading: '   ' }).heading).toBe('Latest discussions');
  });

  test('Strapi pre-fills the defaults and bounds the count', () => {
    const [{ json }] = definition.strapiComponents();
    expect(json.attributes).toEqual({
      heading: { type: 'string', maxLength: 120, default: 'Latest discussions' },
      headingLevel: { type: 'enumeration', enum: ['h2', 'h3', 'h4'], default: 'h2', required: true },
      count: { type: 'integer', min: 1, max: 10, default: 5 },
    });
  });

  test('lists each discussion: title linking to it, author, comment count, latest activity; then "See all discussions"', async () => {
    const { root } = await renderLive('standard');
    expect(markupProblems(root)).toEqual([]);
    expect(textOf(query(root, 'h2'))).toBe('Latest discussions');
    const rows = items(root);
    expect(rows).toHaveLength(5);
    const escalation = rows[1];
    const link = query(escalation, 'h3 a');
    expect(link.attrs.href).toBe('/workspaces/virtual-wards/discussions/47');
    expect(textOf(link)).toBe('Overnight escalation: who do you call?');
    expect(textOf(query(escalation, 'p'))).toBe(
      `Started by Priya Shah · , 12 comments · , last activity ${activityTime('2026-11-24T07:45:00.000Z')}`,
    );
    expect(query(escalation, 'time').attrs.datetime).toBe('2026-11-24T07:45:00.000Z');
    // A deleted account's discussion keeps its place.
    expect(textOf(query(rows[2], 'p'))).toMatch(/^Started by Former member .*1 comment /);
    // The forum's order is kept: pinned first, marked as such.
    expect(textOf(rows[0])).toContain('Pinned');
    expect(textOf(query(rows[0], 'p'))).toContain('no comments yet');
    const all = queryAll(root, 'a').at(-1)!;
    expect(textOf(all)).toBe('See all discussions');
    expect(all.attrs.href).toBe('/workspaces/virtual-wards/discussions');
  });

  test('shows no more than the count the editor chose, titles one level under the heading', async () => {
    const { root } = await renderLive('fewUnderH3');
    expect(textOf(query(root, 'h3'))).toBe('What members are talking about');
    expect(queryAll(root, 'h4 a').map((link) => link.attrs.href)).toEqual(['/workspaces/virtual-wards/discussions/41', '/workspaces/virtual-wards/discussions/47']);
  });

  test('with no discussions: "No discussions yet" and a link to start one', async () => {
    const { root } = await renderLive('empty');
    expect(markupProblems(root)).toEqual([]);
    expect(queryAll(root, 'ul')).toEqual([]);
    expect(textOf(root)).toContain('No discussions yet.');
    const start = query(root, 'a');
    expect(textOf(start)).toBe('Start a discussion');
    expect(start.attrs.href).toBe('/workspaces/new-workspace/discussions/new');
  });

  test('without live data (no workspace, or a viewer who may not read it) the block shows nothing', async () => {
    const { html } = await renderLive('standard', null);
    expect(html.trim()).toBe('');
    const { html: alone } = await renderBlock('blocks.latest-discussions', latestDiscussionsFixtures.standard);
    expect(alone.trim()).toBe('');
  });

  test('titles, names and headings are text: markup is escaped, direction overrides removed', async () => {
    const { html, root } = await renderLive('hostileText');
    expect(markupProblems(root)).toEqual([]);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(textOf(query(root, 'h2'))).toBe('<script>window.__pwned=1</script>Talk');
    expect(textOf(query(root, 'h3 a'))).toBe('<img src=x onerror="window.__pwned=1">Escalation gnp.exe');
    expect(textOf(query(root, 'li p'))).toMatch(/^Started by <script>window.__pwned=1<\/script>Mallory /);
  });

  test('a workspace slug is encoded into the links', async () => {
    const { root } = await renderLive('empty', { workspaceSlug: 'a b', discussions: [] });
    expect(query(root, 'a').attrs.href).toBe('/workspaces/a%20b/discussions/new');
  });

  test('is offered on workspace pages only: a case study has no workspace', () => {
    expect(dynamicZoneComponents(true, catalogue)).toContain('blocks.latest-discussions');
    expect(dynamicZoneComponents(false, catalogue)).not.toContain('blocks.latest-discussions');
  });
});

describe('the live data', () => {
  test('the forum list response parses; a malformed card is refused', () => {
    const response = { data: latestDiscussionsLiveFixtures.standard.discussions, meta: { pagination: { page: 1, pageSize: 5, pageCount: 2, total: 6 } } };
    expect(discussionListSchema.parse(response).data).toHaveLength(5);
    expect(discussionListSchema.safeParse({ data: [{ ...response.data[0], id: 'x' }] }).success).toBe(false);
    expect(discussionListSchema.safeParse({ data: [{ ...response.data[0], lastActivityAt: 'yesterday' }] }).success).toBe(false);
  });

  test('the fingerprint changes with a new discussion, a new comment or new activity, not otherwise', () => {
    const cards = latestDiscussionsLiveFixtures.standard.discussions;
    const base = discussionsFingerprint(cards);
    expect(discussionsFingerprint([...cards])).toBe(base);
    expect(discussionsFingerprint([{ ...cards[0], id: 999 }, ...cards.slice(1)])).not.toBe(base);
    expect(discussionsFingerprint([cards[0], { ...cards[1], commentCount: 13 }, ...cards.slice(2)])).not.toBe(base);
    expect(discussionsFingerprint([cards[0], { ...cards[1], lastActivityAt: '2026-11-24T08:00:00.000Z' }, ...cards.slice(2)])).not.toBe(base);
    expect(discussionsFingerprint([])).toBe('');
  });

  test('the loader asks the forum once, for the largest count on the page, and gives every such block the list', async () => {
    const cards = latestDiscussionsLiveFixtures.fewUnderH3.discussions;
    const asked: string[] = [];
    const blocks = [latestDiscussionsFixtures.standard, latestDiscussionsFixtures.fewUnderH3].map((fixture) => latestDiscussions.schema.parse(fixture));
    const loaded = await latestDiscussionsLoader.load(blocks, {
      workspaceSlug: 'virtual wards',
      get: async (path, schema) => {
        asked.push(path);
        return schema.parse({ data: cards, meta: { pagination: { page: 1, pageSize: cards.length, pageCount: 1, total: cards.length } } });
      },
    });
    expect(asked).toEqual([`/api/forum/workspaces/virtual%20wards/discussions?sort=activity&pageSize=${Math.max(...blocks.map((block) => block.count))}`]);
    expect(loaded.props.get(blocks[0])).toEqual({ workspaceSlug: 'virtual wards', discussions: cards.map((card) => discussionCardSchema.parse(card)) });
    expect(loaded.props.get(blocks[1])).toBe(loaded.props.get(blocks[0]));
    expect(loaded.fingerprint).toBe(discussionsFingerprint(loaded.props.get(blocks[0])!.discussions));
    expect(latestDiscussionsLoader.parseExample({ ...latestDiscussionsLiveFixtures.fewUnderH3, workspaceSlug: 'virtual wards' })).toEqual(loaded.props.get(blocks[0]));
  });

  test('counts and times read naturally', () => {
    expect(commentCountText(0)).toBe('no comments yet');
    expect(commentCountText(1)).toBe('1 comment');
    expect(commentCountText(1234)).toBe('1,234 comments');
    expect(activityTime('2026-11-24T21:26:00.000Z')).toBe('24 November 2026 at 9:26pm');
    // UK summer time
    expect(activityTime('2026-07-01T08:05:00.000Z')).toBe('1 July 2026 at 9:05am');
  });
});
