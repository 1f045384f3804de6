import owner from './owner/schema.json';

export default {
  owner: { schema: owner },
};
