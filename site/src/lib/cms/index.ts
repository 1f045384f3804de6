export { cms, createCmsClient, CmsError, CmsUnavailableError, isCmsError, type CmsClient } from './client.ts';
export * from './case-studies.ts';
export { imageView, mediaUrl, type ImageView } from './media.ts';
export { REGION_NAMES, REGIONS, type CaseStudyCard, type Pagination, type Region, type Topic, type WorkspaceCard } from './schemas.ts';
export * from './search.ts';
export * from './workspaces.ts';
