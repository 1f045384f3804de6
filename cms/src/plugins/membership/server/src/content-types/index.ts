import invitation from './invitation/schema.json';
import membership from './membership/schema.json';

export default {
  membership: { schema: membership },
  invitation: { schema: invitation },
};
