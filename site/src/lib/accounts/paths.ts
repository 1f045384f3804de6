/**
 * The account pages: each has a form (with this browser's CSRF token) or is for one member, so
 * no cache keeps them, and signing in from one of them does not come back to it.
 */
export const ACCOUNT_PAGES = /^\/(sign-in|sign-out|register|confirm-email|forgot-password|reset-password|account|invitations|form-expired)(\/|$)/;
