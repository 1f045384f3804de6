import { blocksService } from './blocks';
import { imagesService } from './images';
import { pagesService } from './pages';
import { peopleService } from './people';
import { presenceService } from './presence';
import { redirectsService } from './redirects';
import { versionsService } from './versions';

export default {
  blocks: blocksService,
  images: imagesService,
  pages: pagesService,
  people: peopleService,
  presence: presenceService,
  redirects: redirectsService,
  versions: versionsService,
};
