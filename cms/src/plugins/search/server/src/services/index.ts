import { documentsService } from './documents';
import { indexerService } from './indexer';
import { outboxService } from './outbox';

export default {
  documents: documentsService,
  outbox: outboxService,
  indexer: indexerService,
};
