export const PLUGIN_ID = 'accounts';

// Content types keep the tables they had in the membership plugin (collectionName): no data moved.
export const AUDIT_EVENT_UID = 'plugin::accounts.audit-event';
export const ALLOWED_DOMAIN_UID = 'plugin::accounts.allowed-domain';
export const USER_UID = 'plugin::users-permissions.user';

/** What every member's profile must hold before they take part: no anonymous posts. */
export const PROFILE_FIELDS = ['firstName', 'lastName', 'jobTitle', 'organisation'] as const;

// Every action the audit log records lives in the contract, so the site names each one.
export { AUDIT_ACTIONS, type AuditAction } from '@futurenhs/contract';
