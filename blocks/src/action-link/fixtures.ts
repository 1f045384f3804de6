import type { BlockFixtures } from '../types.ts';

export const actionLinkFixtures = {
  internal: {
    __component: 'blocks.action-link',
    id: 61,
    text: 'Request to join this workspace',
    href: '/workspaces/virtual-wards/members',
  },
  external: {
    __component: 'blocks.action-link',
    id: 62,
    text: 'Find your nearest urgent treatment centre',
    href: 'https://www.nhs.uk/service-search/find-an-urgent-treatment-centre',
  },
  hostileText: {
    __component: 'blocks.action-link',
    id: 63,
    text: 'Start <script>alert(1)</script>',
    href: '/workspaces/new',
  },
} satisfies BlockFixtures<'blocks.action-link'>;

export const actionLinkInvalid = [
  { __component: 'blocks.action-link', text: '', href: '/workspaces' },
  { __component: 'blocks.action-link', text: 'Start', href: '' },
  { __component: 'blocks.action-link', text: 'Start' },
  { __component: 'blocks.action-link', text: 'Start', href: 'javascript:alert(1)' },
  { __component: 'blocks.action-link', text: 'Start', href: 'JAVASCRIPT:alert(1)' },
  { __component: 'blocks.action-link', text: 'Start', href: ' javascript:alert(1)' },
  { __component: 'blocks.action-link', text: 'Start', href: 'vbscript:msgbox' },
  { __component: 'blocks.action-link', text: 'Start', href: '//evil.example' },
  { __component: 'blocks.action-link', text: 'x'.repeat(81), href: '/workspaces' },
];
