import type { Core } from '@strapi/strapi';
import { InputError, viewerId } from '../../../../common/plugin';
import type { LimitName } from '../services/rate-limit';
import { getService } from '../utils';

export const RATE_LIMIT_MIDDLEWARE = 'plugin::accounts.rate-limit';

export interface RateLimitConfig {
  /** The limit in the rate-limit service's LIMITS; counted per signed-in member. */
  limit: LimitName;
}

/**
 * A route's rate limit, declared in its plugin's routes file:
 * `route('POST', '/…', 'comment.create', post, limited('posting'))`.
 */
export const limited = (limit: LimitName) => ({ name: RATE_LIMIT_MIDDLEWARE, config: { limit } satisfies RateLimitConfig });

/**
 * Counts one action of the signed-in member against the route's limit, after its policies have
 * let it through and before its controller runs: over the limit, a 429 with when to try again,
 * and the controller never runs. The count is atomic (a burst is counted, not let through).
 *
 * A refused form costs nothing: when the controller refuses the request's input (an InputError
 * from `parse()`, common/plugin.ts) the action is given back. What the service refuses still
 * counts, as each attempt reaches it (asking again to join a workspace: cms/tests/accounts.test.ts).
 */
export default (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) => {
  const rateLimit = () => getService(strapi, 'rate-limit');
  return async (ctx: any, next: () => Promise<unknown>) => {
    const member = viewerId(ctx);
    await rateLimit().consume(config.limit, member);
    try {
      return await next();
    } catch (error) {
      if (error instanceof InputError) await rateLimit().giveBack(config.limit, member);
      throw error;
    }
  };
};
