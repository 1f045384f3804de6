import { accessService } from './access';
import { changesService } from './changes';
import { collaborationService } from './collaboration';
import { commentsService } from './comments';
import { documentsService } from './documents';
import { exportsService } from './exports';
import { revocationService } from './revocation';
import { storeService } from './store';
import { ticketsService } from './tickets';
import { versionsService } from './versions';

export default {
  access: accessService,
  changes: changesService,
  collaboration: collaborationService,
  comments: commentsService,
  documents: documentsService,
  exports: exportsService,
  revocation: revocationService,
  store: storeService,
  tickets: ticketsService,
  versions: versionsService,
};
