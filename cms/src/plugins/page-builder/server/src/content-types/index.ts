import draftSave from './draft-save/schema.json';
import presence from './presence/schema.json';
import redirect from './redirect/schema.json';
import version from './version/schema.json';

export default {
  version: { schema: version },
  redirect: { schema: redirect },
  presence: { schema: presence },
  'draft-save': { schema: draftSave },
};
