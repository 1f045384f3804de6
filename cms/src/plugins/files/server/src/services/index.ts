import { binService } from './bin';
import { downloadService } from './download';
import { foldersService } from './folders';
import { itemsService } from './items';
import { processingService } from './processing';
import { storedService } from './stored';

export default {
  bin: binService,
  download: downloadService,
  folders: foldersService,
  items: itemsService,
  processing: processingService,
  stored: storedService,
};
