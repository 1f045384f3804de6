import account from './account';
import invitation from './invitation';
import workspace from './workspace';

export default { account, workspace, invitation };
