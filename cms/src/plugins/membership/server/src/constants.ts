export const PLUGIN_ID = 'membership';

export const MEMBERSHIP_UID = 'plugin::membership.membership';
export const INVITATION_UID = 'plugin::membership.invitation';
export const WORKSPACE_UID = 'api::workspace.workspace';
export const USER_UID = 'plugin::users-permissions.user';

// What the site must agree with (visibilities and the limits of a workspace's fields and requests) lives in the contract.
export {
  REJECT_REASON_MAX,
  REQUEST_MESSAGE_MAX,
  VISIBILITIES,
  WORKSPACE_SLUG_MAX,
  WORKSPACE_SLUG_MIN,
  WORKSPACE_SUMMARY_MAX,
  WORKSPACE_TITLE_MAX,
  SLUG_PATTERN,
  type Visibility,
} from '@futurenhs/contract';

export const INVITATION_LIFETIME_DAYS = 14;
