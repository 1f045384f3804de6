export default ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET'),
    },
  },
  // Compiled by its own tsconfig (see package.json scripts); strapi-server.js fails loudly if it was not.
  membership: {
    enabled: true,
    resolve: './src/plugins/membership',
  },
});
