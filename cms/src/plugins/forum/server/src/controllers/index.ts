import comment from './comment';
import discussion from './discussion';
import moderation from './moderation';

export default { comment, discussion, moderation };
