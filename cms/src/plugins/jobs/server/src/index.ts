import { pluginServer } from '../../../common/plugin';

export default pluginServer({});
