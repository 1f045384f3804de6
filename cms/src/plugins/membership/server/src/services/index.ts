import { accessService } from './access';
import { membershipService } from './membership';

export default {
  access: accessService,
  membership: membershipService,
};
