import { describe, expect, test } from 'vitest';
import { query, queryAll, textOf } from '../test-support/html.ts';
import { issuesOf, testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { actionLinkFixtures, actionLinkInvalid } from './fixtures.ts';

describe('action link', () => {
  testSchemaAndFixtures('blocks.action-link', actionLinkFixtures, actionLinkInvalid);

  test('renders the NHS.UK action link with its hidden arrow icon', async () => {
    const { root } = await renderBlock('blocks.action-link', actionLinkFixtures.internal);
    const link = query(root, 'a.nhsuk-action-link');
    expect(link.attrs.href).toBe('/workspaces/virtual-wards/members');
    const icon = query(link, 'svg.nhsuk-icon--arrow-right-circle');
    expect(icon.attrs['aria-hidden']).toBe('true');
    expect(icon.attrs.focusable).toBe('false');
    expect(textOf(query(link, 'span.nhsuk-action-link__text'))).toBe('Request to join this workspace');
    expect(textOf(link)).toBe('Request to join this workspace');
  });

  test('external links open in the same window', async () => {
    const { root } = await renderBlock('blocks.action-link', actionLinkFixtures.external);
    expect(query(root, 'a').attrs).not.toHaveProperty('target');
  });

  test('refuses script and host-relative links, whatever their case or spacing', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', '\tjavascript:alert(1)', 'data:text/html,hi', '//evil.example', '/\\evil.example']) {
      expect(issuesOf('blocks.action-link', { __component: 'blocks.action-link', text: 'Start', href })).toHaveProperty('href');
    }
  });

  test('text is escaped', async () => {
    const { html, root } = await renderBlock('blocks.action-link', actionLinkFixtures.hostileText);
    expect(html).not.toMatch(/<script/i);
    expect(queryAll(root, 'script')).toEqual([]);
    expect(textOf(query(root, 'a'))).toBe('Start <script>alert(1)</script>');
  });
});
