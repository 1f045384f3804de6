import type { BlockFixtures } from '../types.ts';

const derbyFrailty = {
  id: 5,
  documentId: 'q8m2w1e4r7t0y3u6',
  title: 'Bringing frail older people home sooner with a virtual ward',
  slug: 'derby-frailty-virtual-ward',
  summary: 'How a frailty virtual ward in Derby cut average length of stay by two days while keeping readmissions flat.',
  organisation: 'University Hospitals of Derby and Burton NHS Foundation Trust',
};

export const caseStudyHighlightFixtures = {
  withImage: {
    __component: 'blocks.case-study-highlight',
    id: 141,
    caseStudy: {
      ...derbyFrailty,
      heroImage: { id: 31, documentId: 'z9x8c7v6', url: '/uploads/derby_virtual_ward_hero.jpg', width: 1600, height: 900, mime: 'image/jpeg' },
    },
    heading: null,
    headingLevel: 'h2',
    text: null,
  },
  withOverrides: {
    __component: 'blocks.case-study-highlight',
    id: 142,
    caseStudy: { ...derbyFrailty, heroImage: null },
    heading: 'See how Derby did it',
    headingLevel: 'h3',
    text: 'Their rota, triage criteria and monitoring kit list are all in the case study.',
  },
  hostileText: {
    __component: 'blocks.case-study-highlight',
    id: 143,
    caseStudy: { ...derbyFrailty, title: '<script>alert(1)</script>', organisation: '<img src=x onerror=alert(1)>' },
    heading: null,
    headingLevel: null,
    text: null,
  },
} satisfies BlockFixtures<'blocks.case-study-highlight'>;

export const caseStudyHighlightInvalid = [
  // An unpublished or deleted case study: Strapi returns null for the relation.
  { __component: 'blocks.case-study-highlight', caseStudy: null, heading: 'Read the case study' },
  { __component: 'blocks.case-study-highlight', heading: 'Read the case study' },
  { __component: 'blocks.case-study-highlight', caseStudy: { ...derbyFrailty, slug: '../../admin' } },
  { __component: 'blocks.case-study-highlight', caseStudy: { ...derbyFrailty, slug: '' } },
  { __component: 'blocks.case-study-highlight', caseStudy: { ...derbyFrailty, heroImage: { url: 'javascript:alert(1)' } } },
  { __component: 'blocks.case-study-highlight', caseStudy: derbyFrailty, text: 'x'.repeat(301) },
];
