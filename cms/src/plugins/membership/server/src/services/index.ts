import { accessService } from './access';
import { accountsService } from './accounts';
import { auditService } from './audit';
import { mailService } from './mail';
import { membershipService } from './membership';
import { profilePhotoService } from './profile-photo';
import { queueService } from './queue';
import { rateLimitService } from './rate-limit';

export default {
  access: accessService,
  accounts: accountsService,
  audit: auditService,
  mail: mailService,
  membership: membershipService,
  'profile-photo': profilePhotoService,
  queue: queueService,
  'rate-limit': rateLimitService,
};
