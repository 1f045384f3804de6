import { describe, expect, test } from 'vitest';
import { classList, query, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { buttonFixtures, buttonInvalid } from './fixtures.ts';

describe('button', () => {
  testSchemaAndFixtures('blocks.button', buttonFixtures, buttonInvalid);

  test('renders an nhsuk-frontend link button', async () => {
    const { root } = await renderBlock('blocks.button', buttonFixtures.primary);
    const button = query(root, 'a');
    expect(classList(button)).toEqual(['nhsuk-button']);
    expect(button.attrs).toMatchObject({
      href: '/workspaces/virtual-wards/pages/summit-2027',
      role: 'button',
      draggable: 'false',
      'data-module': 'nhsuk-button',
    });
    expect(textOf(button)).toBe('Book a place at the summit');
  });

  test.each([
    ['secondary', ['nhsuk-button', 'nhsuk-button--secondary']],
    ['reverse', ['nhsuk-button', 'nhsuk-button--reverse']],
    ['defaultVariant', ['nhsuk-button']],
  ] as const)('variant %s has classes %j', async (name, classes) => {
    const { root } = await renderBlock('blocks.button', buttonFixtures[name]);
    expect(classList(query(root, 'a'))).toEqual(classes);
  });

  test('text is escaped', async () => {
    const { html, root } = await renderBlock('blocks.button', buttonFixtures.hostileText);
    expect(html).not.toMatch(/<img/i);
    expect(textOf(query(root, 'a'))).toBe('<img src=x onerror=alert(1)>');
  });
});
