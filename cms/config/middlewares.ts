export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // DELETE too: deleting an account carries the password that confirms it.
  { name: 'strapi::body', config: { parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
