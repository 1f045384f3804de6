import { commentsService } from './comments';
import { discussionsService } from './discussions';
import { moderationService } from './moderation';
import { threadsService } from './threads';

export default {
  comments: commentsService,
  discussions: discussionsService,
  moderation: moderationService,
  threads: threadsService,
};
