/** The NHS England regions a case study belongs to: the CMS's enumeration and the site's names for them. */
export const REGIONS = [
  'east-of-england',
  'london',
  'midlands',
  'north-east-and-yorkshire',
  'north-west',
  'south-east',
  'south-west',
] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_NAMES: Record<Region, string> = {
  'east-of-england': 'East of England',
  london: 'London',
  midlands: 'Midlands',
  'north-east-and-yorkshire': 'North East and Yorkshire',
  'north-west': 'North West',
  'south-east': 'South East',
  'south-west': 'South West',
};
