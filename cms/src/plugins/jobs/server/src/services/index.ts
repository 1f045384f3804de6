import { jobsService } from './jobs';

export default {
  jobs: jobsService,
};
