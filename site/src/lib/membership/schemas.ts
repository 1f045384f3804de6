import { VISIBILITIES } from '@futurenhs/contract';
import { z } from 'zod';

/**
 * The shapes of the membership plugin's answers, as far as the workspace pages read them (the
 * access answer is in @futurenhs/contract). A shape the contract does not promise is a CMS fault
 * (an error page), never guessed around.
 */

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

const id = z.union([z.number(), z.string()]).transform(String);

export const personSchema = z.object({
  id,
  firstName: text,
  lastName: text,
  jobTitle: text,
  organisation: text,
});
export type Person = z.output<typeof personSchema>;

export const pendingPersonSchema = personSchema.extend({
  requestMessage: text,
  requestedAt: z.string().nullish(),
});
export type PendingPerson = z.output<typeof pendingPersonSchema>;

export const peopleSchema = z.object({
  managers: z.array(personSchema),
  members: z.array(personSchema).optional(),
  pending: z.array(pendingPersonSchema).optional(),
  invited: z.array(personSchema).optional(),
});
export type People = z.output<typeof peopleSchema>;

export const invitationRowSchema = z.object({
  id,
  email: z.string(),
  expiresAt: z.string().nullish(),
  createdAt: z.string().nullish(),
});
export type InvitationRow = z.output<typeof invitationRowSchema>;

const personRef = z
  .object({ id, firstName: text, lastName: text })
  .nullish()
  .transform((value) => value ?? null);

export const auditRowSchema = z.object({
  id,
  createdAt: z.string(),
  action: z.string(),
  actor: personRef,
  targetUser: personRef,
  targetEmail: z.string().nullish().transform((value) => value ?? null),
  details: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((value) => value ?? {}),
});
export type AuditRow = z.output<typeof auditRowSchema>;

export const auditPageSchema = z.object({
  data: z.array(auditRowSchema),
  meta: z.object({
    pagination: z.object({ page: z.number(), pageSize: z.number(), pageCount: z.number(), total: z.number() }),
  }),
});

export const createdWorkspaceSchema = z.object({
  slug: z.string(),
  title: z.string().optional(),
  visibility: z.enum(VISIBILITIES).optional(),
});
