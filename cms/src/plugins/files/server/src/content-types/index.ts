import folder from './folder/schema.json';
import item from './item/schema.json';
import version from './version/schema.json';

export default {
  folder: { schema: folder },
  item: { schema: item },
  version: { schema: version },
};
