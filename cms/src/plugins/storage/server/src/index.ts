import type { Core } from '@strapi/strapi';
import bootstrap, { register } from './bootstrap';
import contentTypes from './content-types';
import services from './services';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    register(strapi);
  },
  bootstrap,
  config: { default: {}, validator() {} },
  contentTypes,
  services,
};
