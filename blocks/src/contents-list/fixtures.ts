import type { BlockFixtures } from '../types.ts';

export const contentsListFixtures = {
  guide: {
    __component: 'blocks.contents-list',
    id: 121,
    items: [
      { id: 1, label: 'Setting up a virtual ward', href: '/workspaces/virtual-wards/pages/setting-up' },
      { id: 2, label: 'Staffing and rotas', href: '/workspaces/virtual-wards/pages/staffing' },
      { id: 3, label: 'Remote monitoring', href: '/workspaces/virtual-wards/pages/remote-monitoring' },
      { id: 4, label: 'Measuring outcomes', href: '/workspaces/virtual-wards/pages/outcomes' },
    ],
  },
  hostileText: {
    __component: 'blocks.contents-list',
    id: 122,
    items: [
      { id: 5, label: '<script>alert(1)</script>', href: '/workspaces/virtual-wards/pages/setting-up' },
      { id: 6, label: 'Staffing', href: '/workspaces/virtual-wards/pages/staffing' },
    ],
  },
} satisfies BlockFixtures<'blocks.contents-list'>;

const item = { label: 'Staffing', href: '/workspaces/virtual-wards/pages/staffing' };

export const contentsListInvalid = [
  { __component: 'blocks.contents-list', items: [item] },
  { __component: 'blocks.contents-list', items: [] },
  { __component: 'blocks.contents-list', items: [item, { ...item, href: 'javascript:alert(1)' }] },
  { __component: 'blocks.contents-list', items: [item, { ...item, label: '' }] },
  { __component: 'blocks.contents-list', items: Array.from({ length: 21 }, () => item) },
];
