import { z } from 'zod';

/**
 * The account forms' fields and their rules, in NHS.UK error-message style. Lengths match the
 * CMS's user model, and passwords its rules (at least 12 characters; bcrypt reads 72 bytes), so
 * what the site accepts the CMS accepts.
 */
export const LIMITS = { email: 254, firstName: 100, lastName: 100, jobTitle: 150, organisation: 200, bio: 2000 } as const;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX_BYTES = 72;

// Deliberately loose: one @, something either side, a dot in the domain. The CMS has the last word.
const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const count = (n: number) => n.toLocaleString('en-GB');

const required = (empty: string, label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max, `${label} must be ${count(max)} characters or fewer`);

export const emailField = z
  .string()
  .trim()
  .min(1, 'Enter your email address')
  .max(LIMITS.email, `Email address must be ${LIMITS.email} characters or fewer`)
  .regex(EMAIL_FORMAT, 'Enter an email address in the correct format, like name@nhs.net')
  .transform((email) => email.toLowerCase());

/** A new password: the rules are told up front in the hint, and again if broken. */
export const newPasswordField = z
  .string()
  .min(1, 'Enter a password')
  .min(PASSWORD_MIN, `Password must be ${PASSWORD_MIN} characters or more`)
  .refine((password) => Buffer.byteLength(password, 'utf8') <= PASSWORD_MAX_BYTES, `Password must be ${PASSWORD_MAX_BYTES} characters or fewer`);

export const profileFields = {
  firstName: required('Enter your first name', 'First name', LIMITS.firstName),
  lastName: required('Enter your last name', 'Last name', LIMITS.lastName),
  jobTitle: required('Enter your job title', 'Job title', LIMITS.jobTitle),
  organisation: required('Enter your organisation', 'Organisation', LIMITS.organisation),
};

/** Two password fields that must match; the mismatch is reported on the second. */
function withConfirmation<T extends z.ZodRawShape>(shape: T) {
  return z
    .object({ ...shape, password: newPasswordField, passwordConfirmation: z.string().min(1, 'Confirm your password') })
    .superRefine((values, context) => {
      const { password, passwordConfirmation } = values as { password: string; passwordConfirmation: string };
      if (passwordConfirmation && password !== passwordConfirmation) {
        context.addIssue({ code: 'custom', path: ['passwordConfirmation'], message: 'Passwords do not match' });
      }
    });
}

export const registerSchema = withConfirmation({
  email: emailField,
  ...profileFields,
  invitation: z.string().max(200).optional(),
});
export const REGISTER_FIELDS = ['email', 'firstName', 'lastName', 'jobTitle', 'organisation', 'password', 'passwordConfirmation', 'invitation'] as const;

export const signInSchema = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password'),
});
export const SIGN_IN_FIELDS = ['email', 'password'] as const;

/** Forgotten password, a new confirmation link: just the address. */
export const emailOnlySchema = z.object({ email: emailField });

export const resetPasswordSchema = withConfirmation({ code: z.string().min(1).max(500) });
export const RESET_PASSWORD_FIELDS = ['password', 'passwordConfirmation', 'code'] as const;

export const changePasswordSchema = withConfirmation({ currentPassword: z.string().min(1, 'Enter your current password') });
export const CHANGE_PASSWORD_FIELDS = ['currentPassword', 'password', 'passwordConfirmation'] as const;

export const profileSchema = z.object({
  ...profileFields,
  bio: z
    .string()
    .trim()
    .max(LIMITS.bio, `About you must be ${count(LIMITS.bio)} characters or fewer`),
});
export const PROFILE_FIELDS = ['firstName', 'lastName', 'jobTitle', 'organisation', 'bio'] as const;

export const deleteAccountSchema = z.object({ password: z.string().min(1, 'Enter your password') });
