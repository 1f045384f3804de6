import invitation from './invitation';
import workspace from './workspace';

export default { workspace, invitation };
