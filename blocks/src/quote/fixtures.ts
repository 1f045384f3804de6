import type { BlockFixtures } from '../types.ts';

export const quoteFixtures = {
  clinician: {
    __component: 'blocks.quote',
    id: 101,
    quote: 'Patients recover better in their own beds. The virtual ward has let us bring 40 people a week home two days sooner.',
    name: 'Dr Amina Shah',
    role: 'Consultant geriatrician, University Hospitals of Derby and Burton',
  },
  patientTwoParagraphs: {
    __component: 'blocks.quote',
    id: 102,
    quote: '“I was nervous about leaving hospital so soon.\n\nThe nurses called every morning and came round when my readings dropped. I felt safer than I did on the ward.”',
    name: 'A patient on the Derby frailty virtual ward',
    role: null,
  },
  hostileText: {
    __component: 'blocks.quote',
    id: 103,
    quote: '<script>alert(1)</script>',
    name: '<img src=x onerror=alert(1)>',
    role: '\u202Efdp.exe',
  },
} satisfies BlockFixtures<'blocks.quote'>;

export const quoteInvalid = [
  { __component: 'blocks.quote', quote: '', name: 'Dr Shah' },
  { __component: 'blocks.quote', quote: '“ ”', name: 'Dr Shah' },
  { __component: 'blocks.quote', quote: 'Words', name: '' },
  { __component: 'blocks.quote', quote: 'Words' },
  { __component: 'blocks.quote', quote: 'x'.repeat(601), name: 'Dr Shah' },
  { __component: 'blocks.quote', quote: 'Words', name: 'Dr Shah', role: 'x'.repeat(151) },
];
