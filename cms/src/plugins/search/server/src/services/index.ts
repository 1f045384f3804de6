import { documentsService } from './documents';
import { enginesService } from './engines';
import { healthService } from './health';
import { indexerService } from './indexer';
import { outboxService } from './outbox';
import { readableService } from './readable';
import { searchService } from './search';

export default {
  documents: documentsService,
  engines: enginesService,
  health: healthService,
  indexer: indexerService,
  outbox: outboxService,
  readable: readableService,
  search: searchService,
};
