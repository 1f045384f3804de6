import allowedDomain from './allowed-domain/schema.json';
import auditEvent from './audit-event/schema.json';

export default {
  'audit-event': { schema: auditEvent },
  'allowed-domain': { schema: allowedDomain },
};
