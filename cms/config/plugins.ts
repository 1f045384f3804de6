export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
      // Access tokens are short-lived and backed by a stored session (Strapi's session manager),
      // so signing out, a password change or reset, and deleting the account end sessions at once
      // (see src/extensions/users-permissions). The site keeps both tokens in one httpOnly cookie.
      jwtManagement: 'refresh',
      sessions: {
        accessTokenLifespan: env.int('SESSION_ACCESS_SECONDS', 300),
        idleRefreshTokenLifespan: env.int('SESSION_IDLE_MINUTES', 120) * 60,
        maxRefreshTokenLifespan: env.int('SESSION_ABSOLUTE_HOURS', 12) * 60 * 60,
        httpOnly: false,
      },
      // Registration may set the profile, nothing else (never role, confirmed or blocked).
      register: { allowedFields: ['firstName', 'lastName', 'jobTitle', 'organisation'] },
      // Its built-in limiter counts in this process's memory only, so instances would not share
      // counts, and it locks an account out for everyone. The accounts plugin limits these
      // routes per client address and per account instead (in Redis when REDIS_URL is set); see
      // src/extensions/users-permissions.
      ratelimit: { enabled: false },
    },
  },
  email: {
    config: {
      // SMTP when configured; otherwise src/email/outbox.ts replaces this transport at start-up
      // with one that writes each mail to EMAIL_OUTBOX_DIR, so no mail server is needed.
      provider: 'nodemailer',
      providerOptions: env('SMTP_HOST')
        ? {
            host: env('SMTP_HOST'),
            port: env.int('SMTP_PORT', 587),
            secure: env.bool('SMTP_SECURE', false),
            ...(env('SMTP_USER') ? { auth: { user: env('SMTP_USER'), pass: env('SMTP_PASSWORD') } } : {}),
          }
        : { streamTransport: true, buffer: true },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'FutureNHS <no-reply@futurenhs.localhost>'),
        defaultReplyTo: env('EMAIL_REPLY_TO', env('EMAIL_FROM', 'FutureNHS <no-reply@futurenhs.localhost>')),
      },
    },
  },
  // Local plugins are compiled together (src/plugins/tsconfig.json); strapi-server.js fails loudly if they were not.
  // Background jobs (graphile-worker on PostgreSQL, in-process on SQLite). First of our plugins:
  // Strapi bootstraps plugins in this order, and its bootstrap creates the queue's tables, which
  // the other plugins' bootstraps name in their triggers.
  jobs: {
    enabled: true,
    resolve: './src/plugins/jobs',
  },
  // Accounts and the platform services every plugin uses: mail, rate limits, the audit log, allowed domains.
  accounts: {
    enabled: true,
    resolve: './src/plugins/accounts',
  },
  // Workspaces' members, invitations and access policies.
  membership: {
    enabled: true,
    resolve: './src/plugins/membership',
  },
  // Discussions and comments; every access rule comes from the membership plugin's policies.
  forum: {
    enabled: true,
    resolve: './src/plugins/forum',
  },
  // Every stored file has an owner: a workspace's files are never served by /uploads (see its README).
  storage: {
    enabled: true,
    resolve: './src/plugins/storage',
  },
  // Managers build their workspace's pages on the site; access from the membership plugin's policies.
  'page-builder': {
    enabled: true,
    resolve: './src/plugins/page-builder',
  },
  // A workspace's folders and files, served only through its checked download route (docs/files.md).
  files: {
    enabled: true,
    resolve: './src/plugins/files',
  },
  // Documents written together in real time, as items of the files plugin's folders (docs/documents.md).
  documents: {
    enabled: true,
    resolve: './src/plugins/documents',
  },
  // One search over everything a member may read (docs/search.md). Last: its triggers sit on the
  // other plugins' tables, and its jobs run on the jobs plugin.
  search: {
    enabled: true,
    resolve: './src/plugins/search',
  },
});
