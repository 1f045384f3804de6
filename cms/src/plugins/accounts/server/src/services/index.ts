import { accountsService } from './accounts';
import { auditService } from './audit';
import { mailService } from './mail';
import { peopleService } from './people';
import { profilePhotoService } from './profile-photo';
import { queueService } from './queue';
import { rateLimitService } from './rate-limit';

export default {
  accounts: accountsService,
  audit: auditService,
  mail: mailService,
  people: peopleService,
  'profile-photo': profilePhotoService,
  queue: queueService,
  'rate-limit': rateLimitService,
};
