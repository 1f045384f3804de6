import { accessService } from './access';
import { auditService } from './audit';
import { membershipService } from './membership';

export default {
  access: accessService,
  audit: auditService,
  membership: membershipService,
};
