import { commentsService } from './comments';
import { discussionsService } from './discussions';
import { moderationService } from './moderation';
import { peopleService } from './people';
import { threadsService } from './threads';

export default {
  comments: commentsService,
  discussions: discussionsService,
  moderation: moderationService,
  people: peopleService,
  threads: threadsService,
};
