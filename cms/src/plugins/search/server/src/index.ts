import { pluginServer } from '../../../common/plugin';
import services from './services';

export default pluginServer({ bootstrap() {}, services });
