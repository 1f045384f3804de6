import type { Core } from '@strapi/strapi';
import type { AccountsService } from './services/accounts';
import type { AuditService } from './services/audit';
import type { MailService } from './services/mail';
import type { PeopleService } from './services/people';

/**
 * What other plugins may use of this one, typed by the services themselves (as Strapi's own
 * plugins export their service types): import these instead of restating them.
 */
export type { AuditEntry } from './services/audit';
export { AUDIT_ACTIONS, PROFILE_FIELDS, type AuditAction } from './constants';
export { limited } from './middlewares/rate-limit';

export interface AccountsApi {
  /** People's accounts: names for what others show of them. */
  accounts: Pick<AccountsService, 'displayName'>;
  /** The append-only audit log every plugin records through, inside its own transaction. */
  audit: AuditService;
  mail: MailService;
  /** People as posts and files name them: real name, job title, organisation (no anonymous posts). */
  people: PeopleService;
}

export function accounts(strapi: Core.Strapi): AccountsApi {
  const plugin = strapi.plugin('accounts');
  return {
    accounts: plugin.service('accounts'),
    audit: plugin.service('audit'),
    mail: plugin.service('mail'),
    people: plugin.service('people'),
  };
}
