import type { BlockFixtures } from '../types.ts';

export const buttonFixtures = {
  primary: {
    __component: 'blocks.button',
    id: 71,
    text: 'Book a place at the summit',
    href: '/workspaces/virtual-wards/pages/summit-2027',
    variant: 'primary',
  },
  secondary: {
    __component: 'blocks.button',
    id: 72,
    text: 'Download the toolkit',
    href: '/workspaces/virtual-wards/files/18',
    variant: 'secondary',
  },
  reverse: {
    __component: 'blocks.button',
    id: 73,
    text: 'Read the evaluation',
    href: 'https://www.england.nhs.uk/virtual-wards/',
    variant: 'reverse',
  },
  defaultVariant: {
    __component: 'blocks.button',
    id: 74,
    text: 'Contact the team',
    href: 'mailto:virtual.wards@nhs.net',
    variant: null,
  },
  hostileText: {
    __component: 'blocks.button',
    id: 75,
    text: '<img src=x onerror=alert(1)>',
    href: '/case-studies',
    variant: 'primary',
  },
} satisfies BlockFixtures<'blocks.button'>;

export const buttonInvalid = [
  { __component: 'blocks.button', text: '', href: '/case-studies' },
  { __component: 'blocks.button', text: 'Go', href: 'javascript:void(0)' },
  { __component: 'blocks.button', text: 'Go', href: '/case-studies', variant: 'warning' },
  { __component: 'blocks.button', text: 'x'.repeat(61), href: '/case-studies' },
  { __component: 'blocks.button', text: 'Go' },
];
