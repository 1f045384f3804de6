import type { Core } from '@strapi/strapi';
import { ALLOWED_DOMAIN_UID, AUDIT_EVENT_UID } from './constants';
import { siteUrl } from './services/mail';

function sender() {
  const from = process.env.EMAIL_FROM || 'FutureNHS <no-reply@futurenhs.localhost>';
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1] || 'FutureNHS', email: match[2] } : { name: 'FutureNHS', email: from.trim() };
}

/**
 * Registration needs a confirmed email; confirmation and reset links go to the site (the CMS
 * need not be public). The site's /confirm-email page calls the CMS with the code.
 */
async function configureAccountMail(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const site = siteUrl();
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  await store.set({
    key: 'advanced',
    value: {
      ...advanced,
      unique_email: true,
      allow_register: true,
      email_confirmation: true,
      email_reset_password: `${site}/reset-password`,
      email_confirmation_redirection: `${site}/sign-in?confirmed=1`,
      default_role: 'authenticated',
    },
  });
  const template = (object: string, paragraphs: string[], link: string, linkText: string) => ({
    options: {
      from: sender(),
      response_email: '',
      object,
      message: [...paragraphs.map((paragraph) => `<p>${paragraph}</p>`), `<p><a href="${link}">${linkText}</a></p>`, '<p>FutureNHS</p>'].join('\n'),
    },
  });
  const email = ((await store.get({ key: 'email' })) ?? {}) as Record<string, Record<string, unknown>>;
  await store.set({
    key: 'email',
    value: {
      ...email,
      email_confirmation: {
        ...email.email_confirmation,
        ...template(
          'Confirm your email address for FutureNHS',
          ['Thank you for registering with FutureNHS.', 'Confirm your email address to finish creating your account.'],
          `${site}/confirm-email?confirmation=<%= CODE %>`,
          'Confirm your email address',
        ),
      },
      reset_password: {
        ...email.reset_password,
        ...template(
          'Reset your FutureNHS password',
          [
            'Someone, probably you, asked to reset the password of your FutureNHS account.',
            'The link works once, for one hour. If you did not ask, you can ignore this email: your password has not changed.',
          ],
          '<%= URL %>?code=<%= TOKEN %>',
          'Choose a new password',
        ),
      },
    },
  });
}

/**
 * A new platform starts with the allow-list in ALLOWED_EMAIL_DOMAINS; from then on platform
 * admins own it in the admin panel (an emptied list stays empty).
 */
async function initialiseAllowList(strapi: Core.Strapi) {
  // The membership plugin's store, where this flag was first kept: a platform that has it set
  // must not get the initial list back after the list moved to this plugin.
  const store = strapi.store({ type: 'plugin', name: 'membership' });
  if (await store.get({ key: 'allow-list-initialised' })) return;
  const domains = (process.env.ALLOWED_EMAIL_DOMAINS ?? 'nhs.net,*.nhs.net,*.nhs.uk')
    .split(',')
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean);
  for (const domain of domains) {
    if (!(await strapi.db.query(ALLOWED_DOMAIN_UID).findOne({ where: { domain } }))) {
      await strapi.db.query(ALLOWED_DOMAIN_UID).create({ data: { domain, note: 'Initial allow-list (ALLOWED_EMAIL_DOMAINS)' } });
    }
  }
  await store.set({ key: 'allow-list-initialised', value: true });
}

/**
 * The audit log and the allow-list were the membership plugin's content types: an admin role
 * given rights on them under their old names keeps those rights under the new ones.
 */
export async function carryAdminPermissions(strapi: Core.Strapi) {
  for (const uid of [AUDIT_EVENT_UID, ALLOWED_DOMAIN_UID]) {
    await strapi.db.query('admin::permission').updateMany({ where: { subject: uid.replace('plugin::accounts.', 'plugin::membership.') }, data: { subject: uid } });
  }
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await configureAccountMail(strapi);
  await initialiseAllowList(strapi);
  await carryAdminPermissions(strapi);
};

/** The audit log is append-only, in the admin panel too. */
export function guardAuditLog(strapi: Core.Strapi) {
  const refuse = () => {
    throw new Error('Audit events are append-only: they cannot be changed or deleted');
  };
  strapi.db.lifecycles.subscribe({
    models: [AUDIT_EVENT_UID],
    beforeUpdate: refuse,
    beforeUpdateMany: refuse,
    beforeDelete: refuse,
    beforeDeleteMany: refuse,
  });
}
