import { PLUGIN_ID } from '../constants';
import { membershipOf as membershipStateOf } from '../utils';

export { viewerId } from '../utils';
export const membershipOf = (ctx: any) => membershipStateOf(ctx, PLUGIN_ID);
