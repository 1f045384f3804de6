import { corsOrigins } from '../src/security/cors-origins';
import { UPLOAD_REQUEST_FACTOR, uploadLimitBytes } from '@futurenhs/contract';

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
  // temporary file each, never into memory. The parser (formidable 2) counts maxFileSize over the
  // whole request, so it is the most one upload of several files may hold (413 past it); each
  // file is held to FILES_MAX_MB by the files plugin's inspection.
  {
    name: 'strapi::body',
    config: {
      parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
      formidable: {
        maxFileSize: uploadLimitBytes(process.env) * UPLOAD_REQUEST_FACTOR,
        onFileBegin: (_field: string, file: { uploadSequence?: number }) => {
          file.uploadSequence = ++uploadSequence;
        },
      },
    },
  },
  // Right inside the parser: its temporary files go whatever the answer (src/middlewares/upload-cleanup.ts).
  'global::upload-cleanup',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
