import { pluginServer } from '../../../common/plugin';
import bootstrap, { register } from './bootstrap';
import contentTypes from './content-types';
import services from './services';

export default pluginServer({ register, bootstrap, contentTypes, services });
