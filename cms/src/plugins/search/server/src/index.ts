import { pluginServer } from '../../../common/plugin';
import bootstrap, { destroy } from './bootstrap';
import controllers from './controllers';
import routes from './routes';
import services from './services';

export default pluginServer({ bootstrap, destroy, controllers, routes, services });
