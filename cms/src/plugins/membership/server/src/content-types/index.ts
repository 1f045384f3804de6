import allowedDomain from './allowed-domain/schema.json';
import auditEvent from './audit-event/schema.json';
import invitation from './invitation/schema.json';
import membership from './membership/schema.json';

export default {
  membership: { schema: membership },
  invitation: { schema: invitation },
  'audit-event': { schema: auditEvent },
  'allowed-domain': { schema: allowedDomain },
};
