import { describe, expect, it } from 'vitest';
import { validate } from '../forms.ts';
import { changePasswordSchema, profileSchema, registerSchema, signInSchema } from './fields.ts';

const registration = {
  email: ' Priya.Shah@NHS.net ',
  firstName: 'Priya',
  lastName: 'Shah',
  jobTitle: 'GP partner',
  organisation: 'Leeds Teaching Hospitals',
  password: 'correct horse battery',
  passwordConfirmation: 'correct horse battery',
  invitation: '',
};

describe('account form rules', () => {
  it('accept a good registration, normalising the email', () => {
    const result = validate(registerSchema, registration);
    expect(result.ok && result.data.email).toBe('priya.shah@nhs.net');
  });

  it('say what is missing, one message per field, in NHS.UK style', () => {
    const result = validate(registerSchema, { email: '', firstName: ' ', lastName: '', jobTitle: '', organisation: '', password: '', passwordConfirmation: '' });
    expect(result).toEqual({
      ok: false,
      errors: {
        email: 'Enter your email address',
        firstName: 'Enter your first name',
        lastName: 'Enter your last name',
        jobTitle: 'Enter your job title',
        organisation: 'Enter your organisation',
        password: 'Enter a password',
        passwordConfirmation: 'Confirm your password',
      },
    });
  });

  it('refuse malformed emails, overlong fields, weak and mismatched passwords', () => {
    const result = validate(registerSchema, {
      ...registration,
      email: 'priya@',
      firstName: 'P'.repeat(101),
      organisation: 'O'.repeat(201),
      password: 'short',
      passwordConfirmation: 'different',
    });
    expect(result.ok ? {} : result.errors).toEqual({
      email: 'Enter an email address in the correct format, like name@nhs.net',
      firstName: 'First name must be 100 characters or fewer',
      organisation: 'Organisation must be 200 characters or fewer',
      password: 'Password must be 12 characters or more',
      passwordConfirmation: 'Passwords do not match',
    });
  });

  it('count a password’s bytes as the CMS does (bcrypt reads 72)', () => {
    const long = 'é'.repeat(40); // 40 characters, 80 bytes
    const result = validate(changePasswordSchema, { currentPassword: 'x', password: long, passwordConfirmation: long });
    expect(result.ok ? {} : result.errors).toEqual({ password: 'Password must be 72 characters or fewer' });
  });

  it('allow an empty bio, up to 2,000 characters', () => {
    const profile = { firstName: 'Priya', lastName: 'Shah', jobTitle: 'GP', organisation: 'Leeds', bio: '' };
    expect(validate(profileSchema, profile).ok).toBe(true);
    expect(validate(profileSchema, { ...profile, bio: 'b'.repeat(2001) })).toEqual({ ok: false, errors: { bio: 'About you must be 2,000 characters or fewer' } });
  });

  it('ask only for presence at sign-in (the CMS judges the password)', () => {
    expect(validate(signInSchema, { email: 'a@nhs.net', password: 'x' }).ok).toBe(true);
    expect(validate(signInSchema, { email: 'a@nhs.net', password: '' })).toEqual({ ok: false, errors: { password: 'Enter your password' } });
  });
});
