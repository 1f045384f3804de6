import { corsOrigins } from '../src/security/cors-origins';
import { uploadLimitBytes } from '@futurenhs/contract';

// formidable lists a request's files in the order each finishes writing to disk, not the order
// they were sent: numbering them as they begin lets the files plugin name each refused file by
// its place in the member's choice (`['files', i]`).
let uploadSequence = 0;

export default [
  // Strapi's logger, without query strings (src/middlewares/request-log.ts).
  'global::request-log',
  'strapi::errors',
  // HSTS comes from global::strict-transport-security, which sends it over HTTPS only.
  { name: 'strapi::security', config: { hsts: false } },
  'global::strict-transport-security',
  // Only the site's and the admin's origins (CORS_ORIGINS): no other page may read a response.
  { name: 'strapi::cors', config: { origin: corsOrigins() } },
  // No strapi::poweredBy: the X-Powered-By header only tells an attacker what runs here.
  'strapi::query',
  // DELETE too: deleting an account carries the password that confirms it. Uploads stream to a
  // temporary file each, never into memory, up to the files limit (FILES_MAX_MB; larger ones
  // answer 413 before the rest is read).
  {
    name: 'strapi::body',
    config: {
      parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
      formidable: {
        maxFileSize: uploadLimitBytes(process.env),
        maxTotalFileSize: uploadLimitBytes(process.env) * 4,
        onFileBegin: (_field: string, file: { uploadSequence?: number }) => {
          file.uploadSequence = ++uploadSequence;
        },
      },
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
