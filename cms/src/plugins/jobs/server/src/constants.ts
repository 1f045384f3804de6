export const PLUGIN_ID = 'jobs';
