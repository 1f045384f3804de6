import { describe, expect, it } from 'vitest';
import { CmsRequestError } from './cms/http.ts';
import { cmsFieldErrors, formValues, summaryItems } from './forms.ts';

describe('forms', () => {
  it('read text fields, treating absent ones and files as empty', () => {
    const form = new FormData();
    form.set('email', 'a@nhs.net');
    form.set('avatar', new Blob(['x']), 'a.png');
    expect(formValues(form, ['email', 'firstName', 'avatar'])).toEqual({ email: 'a@nhs.net', firstName: '', avatar: '' });
  });

  it('list errors in page order, linking each to its field; others go to the first field', () => {
    expect(summaryItems({ password: 'Enter a password', email: 'Enter your email address', form: 'Too many attempts' }, ['email', 'password'])).toEqual([
      { text: 'Enter your email address', href: '#email' },
      { text: 'Enter a password', href: '#password' },
      { text: 'Too many attempts', href: '#email' },
    ]);
  });

  it('put the CMS’s field errors on the form’s fields, and its message on the fallback field', () => {
    const withFields = new CmsRequestError('refused', '/api/x', 400, 'Registration is open to NHS emails', [
      { field: 'email', message: 'registration is open to NHS emails.' },
      { field: 'role', message: 'not yours to set' },
    ]);
    expect(cmsFieldErrors(withFields, ['email', 'password'], 'email')).toEqual({ email: 'Registration is open to NHS emails' });
    const general = new CmsRequestError('refused', '/api/x', 400, 'You are the only manager of Virtual Wards', []);
    expect(cmsFieldErrors(general, ['password'], 'password')).toEqual({ password: 'You are the only manager of Virtual Wards' });
  });
});
