import { z } from '@strapi/utils';
import { AUDIT_ACTIONS } from '../../../../accounts/server/src/contract';
import { REJECT_REASON_MAX, REQUEST_MESSAGE_MAX, SLUG_PATTERN, VISIBILITIES, WORKSPACE_SLUG_MAX, WORKSPACE_SLUG_MIN, WORKSPACE_SUMMARY_MAX, WORKSPACE_TITLE_MAX } from '../constants';

const text = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` });

/** Site paths beside /workspaces/{slug}: a workspace may not take them. */
export const RESERVED_SLUGS = ['new'];

export const newWorkspaceSchema = z.object({
  title: text(WORKSPACE_TITLE_MAX, 'Title').min(1, { error: 'Enter a title' }),
  slug: z
    .string()
    .trim()
    .min(WORKSPACE_SLUG_MIN, { error: `The address must be at least ${WORKSPACE_SLUG_MIN} characters` })
    .max(WORKSPACE_SLUG_MAX, { error: `The address must be ${WORKSPACE_SLUG_MAX} characters or fewer` })
    .regex(SLUG_PATTERN, { error: 'The address may contain only lower-case letters, numbers and hyphens' })
    .refine((slug) => !RESERVED_SLUGS.includes(slug), { error: 'This address is reserved: choose another' })
    .optional(),
  summary: text(WORKSPACE_SUMMARY_MAX, 'Summary').min(1, { error: 'Enter a summary' }),
  visibility: z.enum(VISIBILITIES, { error: 'Visibility must be open, restricted or hidden' }),
});

export const requestSchema = z.object({ message: text(REQUEST_MESSAGE_MAX, 'Your message').optional() });
export const rejectSchema = z.object({ reason: text(REJECT_REASON_MAX, 'The reason').optional() });
export const inviteSchema = z.object({
  email: z.string({ error: 'Enter an email address' }).trim().max(254).pipe(z.email({ error: 'Enter a valid email address' })),
});
export const visibilitySchema = z.object({ visibility: z.enum(VISIBILITIES, { error: 'Visibility must be open, restricted or hidden' }) });

export const idSchema = (label: string) => z.coerce.number({ error: `${label} must be a number` }).int().positive();
export const tokenSchema = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/);

export const auditQuerySchema = z.object({
  action: z.enum(AUDIT_ACTIONS, { error: 'Unknown action' }).optional(),
  member: idSchema('member').optional(),
  from: z.coerce.date({ error: 'from must be a date' }).optional(),
  to: z.coerce.date({ error: 'to must be a date' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export { parse } from '../../../../common/plugin';

export function slugify(title: string): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 70)
      .replace(/-+$/g, '') || 'workspace';
  return RESERVED_SLUGS.includes(slug) ? `${slug}-workspace` : slug;
}
