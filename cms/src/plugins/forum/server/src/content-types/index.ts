import comment from './comment/schema.json';
import discussion from './discussion/schema.json';
import like from './like/schema.json';
import report from './report/schema.json';

export default {
  discussion: { schema: discussion },
  comment: { schema: comment },
  like: { schema: like },
  report: { schema: report },
};
