import { migrationService } from './migration';
import { ownershipService } from './ownership';
import { storedFilesService } from './stored-files';

export default {
  migration: migrationService,
  ownership: ownershipService,
  'stored-files': storedFilesService,
};
