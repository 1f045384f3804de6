import { rm } from 'node:fs/promises';

/**
 * Deletes every temporary file the body parser wrote for a request once it is answered, whatever
 * the answer. The parser saves uploads before any sign-in or permission check and removes only
 * its own `files` field, and only when the request succeeds: a refused upload (401, 403, 404, 429)
 * or any other field would stay on disk for good, so anyone could fill it.
 */
export default () => {
  return async (ctx: any, next: () => Promise<void>) => {
    try {
      await next();
    } finally {
      const files = Object.values(ctx.request?.files ?? {}).flat() as { filepath?: string }[];
      await Promise.all(files.map((file) => (file?.filepath ? rm(file.filepath, { force: true }) : undefined)));
    }
  };
};
