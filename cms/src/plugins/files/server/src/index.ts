import { pluginServer } from '../../../common/plugin';
import bootstrap from './bootstrap';
import contentTypes from './content-types';
import controllers from './controllers';
import policies from './policies';
import routes from './routes';
import services from './services';

export default pluginServer({ bootstrap, contentTypes, controllers, policies, routes, services });
