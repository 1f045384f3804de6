import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, test } from 'vitest';
import BlockList from './BlockList.astro';
import { blockDefinition, blockUids, blocksPopulate, catalogue } from './catalogue.ts';
import { allFixtures, allInvalidExamples } from './fixtures.ts';
import { pascalName } from './generate-catalogue.ts';
import { blockGuidance } from './guidance.ts';
import { parseBlocks } from './parse-blocks.ts';
import { registry } from './registry.ts';
import { markupProblems, parseHtml, queryAll } from './test-support/html.ts';

const srcDir = dirname(fileURLToPath(import.meta.url));

/**
 * The component icon names Strapi 5's admin knows (COMPONENT_ICONS in @strapi/content-manager and
 * @strapi/content-type-builder). An unknown name shows a blank icon in the block picker.
 */
const STRAPI_COMPONENT_ICONS = new Set(
  'alien apps archive arrowDown arrowLeft arrowRight arrowUp attachment bell bold book briefcase brush bulletList calendar car cast chartBubble chartCircle chartPie check clock cloud code cog collapse command connector crop crown cup cursor dashboard database discuss doctor earth emotionHappy emotionUnhappy envelop exit expand eye feather file fileError filePdf fileXls fileZip fileCsv filter folder gate gift globe grid handHeart hashtag headphone heart house information italic key landscape layer layout lightbulb link lock magic manyToMany manyToOne manyWays medium message microphone monitor moon music oneToMany oneToOne oneWay paint paintBrush paperPlane pencil phone picture pin pinMap plane play plus priceTag puzzle question quote refresh restaurant rocket rotate scissors search seed server shield shirt shoppingCart slideshow stack star store strikeThrough sun television thumbDown thumbUp train twitter typhoon underline user volumeMute volumeUp walk wheelchair write'.split(
    ' ',
  ),
);

describe('the catalogue', () => {
  test('has the first catalogue of docs/design.md#blocks in its order, each block once', () => {
    // Blocks added since may come anywhere (their `order`): this list is not where a block is added.
    const first = [
      'blocks.rich-text',
      'blocks.inset-text',
      'blocks.warning-callout',
      'blocks.card-group',
      'blocks.key-links',
      'blocks.image',
      'blocks.action-link',
      'blocks.button',
      'blocks.details',
      'blocks.summary-list',
      'blocks.quote',
      'blocks.do-dont-list',
      'blocks.contents-list',
      'blocks.video-embed',
      'blocks.case-study-highlight',
      'blocks.latest-discussions',
    ];
    expect(blockUids.filter((uid) => first.includes(uid))).toEqual(first);
    expect(new Set(blockUids).size).toBe(blockUids.length);
    expect(new Set(catalogue.map((block) => block.order)).size).toBe(catalogue.length);
    expect(catalogue.map((block) => block.order)).toEqual(catalogue.map((block) => block.order).toSorted((a, b) => a - b));
  });

  describe.each(catalogue.map((block) => [block.uid, block] as const))('%s', (uid, block) => {
    const folder = join(srcDir, block.name);

    test('has its folder with schema, renderer, fixtures, guidance and tests', () => {
      expect(block.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const file of ['schema.ts', `${pascalName(block.name)}.astro`, 'fixtures.ts', 'README.md', `${block.name}.test.ts`]) {
        expect(existsSync(join(folder, file)), `${block.name}/${file}`).toBe(true);
      }
    });

    test('its README gives editors the guidance the catalogue promises, exported as blockGuidance', () => {
      const readme = readFileSync(join(folder, 'README.md'), 'utf8');
      for (const heading of ['## When to use', '## When not to use', '## How to write', '## Accessibility']) {
        expect(readme, `${block.name}/README.md needs "${heading}"`).toContain(heading);
      }
      // Without its title, which is the block's name: whoever shows it shows that name already.
      expect(blockGuidance(uid)).toBe(readme.replace(/^# [^\n]*\n+/, '').trim());
    });

    test('is registered with a renderer and fixtures', () => {
      expect(registry[uid].Renderer).toBeTypeOf('function');
      expect(registry[uid].definition).toBe(block);
      expect(Object.keys(allFixtures[uid]).length).toBeGreaterThan(0);
      expect(allInvalidExamples[uid].length).toBeGreaterThan(0);
      for (const fixture of Object.values(allFixtures[uid])) expect(fixture.__component).toBe(uid);
    });

    test('has a Strapi icon the admin knows', () => {
      expect(STRAPI_COMPONENT_ICONS.has(block.icon), `unknown icon "${block.icon}"`).toBe(true);
    });

    test('offers a heading level wherever it has a heading', () => {
      if ('heading' in block.fields) expect(block.fields).toHaveProperty('headingLevel');
    });

    test('generates Strapi attributes with a maximum on every text and only valid enumerations', () => {
      for (const { json } of block.strapiComponents()) {
        for (const [name, attribute] of Object.entries(json.attributes as Record<string, Record<string, unknown>>)) {
          if (['string', 'text', 'richtext'].includes(attribute.type as string)) {
            expect(attribute.maxLength, `${block.name}.${name} needs a maxLength`).toBeTypeOf('number');
          }
          if (attribute.type === 'string') expect(attribute.maxLength as number).toBeLessThanOrEqual(255);
          if (attribute.type === 'enumeration') {
            for (const value of attribute.enum as string[]) expect(value).toMatch(/^[A-Za-z]/);
          }
          expect(attribute).not.toHaveProperty('description');
        }
      }
    });
  });
});

describe('blocksPopulate', () => {
  test('asks for exactly the media, parts and relations each block renders', () => {
    const image = { fields: ['url', 'width', 'height', 'mime'] };
    const { on } = blocksPopulate();
    expect(Object.keys(on)).toEqual(blockUids);
    const expected: Record<string, unknown> = {
      'blocks.rich-text': true,
      'blocks.inset-text': true,
      'blocks.warning-callout': true,
      'blocks.card-group': { populate: { cards: { populate: { image } } } },
      'blocks.key-links': { populate: { links: true } },
      'blocks.image': { populate: { image } },
      'blocks.action-link': true,
      'blocks.button': true,
      'blocks.details': true,
      'blocks.summary-list': { populate: { rows: true } },
      'blocks.quote': true,
      'blocks.do-dont-list': { populate: { items: true } },
      'blocks.contents-list': { populate: { items: true } },
      'blocks.video-embed': true,
      'blocks.case-study-highlight': {
        populate: { caseStudy: { fields: ['title', 'slug', 'summary', 'organisation'], populate: { heroImage: image } } },
      },
      'blocks.latest-discussions': true,
    };
    for (const [uid, populate] of Object.entries(expected)) expect(on[uid], uid).toEqual(populate);
  });
});

describe('parseBlocks', () => {
  const valid = allFixtures['blocks.inset-text'].simple;
  const alsoValid = allFixtures['blocks.button'].primary;

  test('keeps valid blocks in order and skips unknown and invalid ones with a warning each', () => {
    const warnings: Array<{ message: string; index: number; uid: string; reason: string }> = [];
    const blocks = parseBlocks(
      [valid, { __component: 'blocks.carousel', slides: [] }, { ...alsoValid, href: 'javascript:alert(1)' }, { text: 'no uid' }, alsoValid],
      (message, warning) => warnings.push({ message, ...warning }),
      'page "home" of workspace "virtual-wards"',
    );
    expect(blocks.map((block) => block.__component)).toEqual(['blocks.inset-text', 'blocks.button']);
    expect(warnings).toEqual([
      { message: 'Skipped unknown block "blocks.carousel" on page "home" of workspace "virtual-wards"', index: 1, uid: 'blocks.carousel', reason: 'unknown block' },
      {
        message: expect.stringContaining('Skipped invalid block "blocks.button" on page "home" of workspace "virtual-wards": href:'),
        index: 2,
        uid: 'blocks.button',
        reason: expect.stringMatching(/^href: /),
      },
      { message: 'Skipped unknown block "(none)" on page "home" of workspace "virtual-wards"', index: 3, uid: '(none)', reason: 'unknown block' },
    ]);
  });

  test('returns parsed data: defaults applied, unknown keys dropped, text cleaned', () => {
    const [block] = parseBlocks([{ ...alsoValid, variant: null, documentId: 'x', text: 'Book\u202E now' }], () => {});
    expect(block).toEqual({ __component: 'blocks.button', id: 71, text: 'Book now', href: alsoValid.href, variant: 'primary' });
  });

  test('anything but an array is an empty page', () => {
    for (const raw of [null, undefined, {}, 'blocks', 3]) expect(parseBlocks(raw, () => {})).toEqual([]);
  });

  test('warns on the console by default', () => {
    const original = console.warn;
    const logged: unknown[][] = [];
    console.warn = (...args: unknown[]) => logged.push(args);
    try {
      parseBlocks([{ __component: 'blocks.unknown' }]);
    } finally {
      console.warn = original;
    }
    expect(logged).toEqual([['Skipped unknown block "blocks.unknown" on page', { index: 0, uid: 'blocks.unknown', reason: 'unknown block' }]]);
  });
});

describe('BlockList', () => {
  test('renders every fixture of every block, in order, through the registry', async () => {
    const raw = blockUids.flatMap((uid) => Object.values(allFixtures[uid]));
    const warnings: string[] = [];
    const blocks = parseBlocks(raw, (message) => warnings.push(message));
    expect(warnings).toEqual([]);
    expect(blocks).toHaveLength(raw.length);

    const container = await AstroContainer.create();
    const html = await container.renderToString(BlockList, { props: { blocks } });
    const root = parseHtml(html);
    expect(markupProblems(root)).toEqual([]);
    // One root element per block, except the blocks whose optional heading sits beside their list.
    expect(queryAll(root, 'div.nhsuk-inset-text')).toHaveLength(Object.keys(allFixtures['blocks.inset-text']).length);
    expect(queryAll(root, 'iframe')).toHaveLength(Object.keys(allFixtures['blocks.video-embed']).length);
  });

  test('every definition is reachable by uid', () => {
    for (const uid of blockUids) expect(blockDefinition(uid)?.uid).toBe(uid);
    expect(blockDefinition('blocks.nope')).toBeUndefined();
  });
});
