import { previewUrlFor } from '../src/preview/preview-url';

export default ({ env }) => ({
  // Tests and the benchmark run the compiled CMS without building the admin panel.
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  flags: {
    nps: false,
    promoteEE: false,
  },
  // The admin's preview button opens the draft on the site, behind a signed, short-lived token.
  preview: {
    enabled: true,
    config: {
      allowedOrigins: [env('SITE_URL', 'http://localhost:4321')],
      async handler(uid: string, { documentId, status }: { documentId: string; status?: string }) {
        return previewUrlFor(uid, documentId, status === 'published' ? 'published' : 'draft');
      },
    },
  },
});
