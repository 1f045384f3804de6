import { z } from '@strapi/utils';

export { parse } from '../../../../common/plugin';

const text = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` });

const required = (max: number, label: string, missing: string) => text(max, label).min(1, { error: missing });

export const profileSchema = z.object({
  firstName: required(100, 'First name', 'Enter your first name'),
  lastName: required(100, 'Last name', 'Enter your last name'),
  jobTitle: required(150, 'Job title', 'Enter your job title'),
  organisation: required(200, 'Organisation', 'Enter your organisation'),
  bio: text(2000, 'About you').optional().nullable(),
});

/** bcrypt reads 72 bytes of a password; users-permissions refuses longer ones, so do we, clearly. */
export const passwordSchema = z
  .string({ error: 'Enter a password' })
  .min(12, { error: 'Your password must be at least 12 characters' })
  .refine((password) => new TextEncoder().encode(password).length <= 72, { error: 'Your password must be 72 characters or fewer' });

export const emailSchema = z
  .string({ error: 'Enter your email address' })
  .trim()
  .min(1, { error: 'Enter your email address' })
  .max(254, { error: 'Your email address must be 254 characters or fewer' })
  .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.nhs.net' }));

export const registrationSchema = profileSchema.omit({ bio: true }).extend({
  email: emailSchema,
  password: passwordSchema,
  invitation: z.string().max(100).optional(),
});

export const deleteAccountSchema = z.object({
  password: z.string({ error: 'Enter your password' }).min(1, { error: 'Enter your password' }).max(200),
});
