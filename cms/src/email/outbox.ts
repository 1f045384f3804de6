import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Core } from '@strapi/strapi';

/**
 * The embedded default has no mail server: config/plugins.ts gives nodemailer a stream
 * transport, which builds each message exactly as SMTP would carry it, and this writes the
 * message to the outbox folder and logs its links, so registering and resetting a password work
 * in the quick start. With SMTP_HOST set, mail goes out over SMTP and this does nothing.
 */
export function installMailOutbox(strapi: Core.Strapi) {
  if (process.env.SMTP_HOST) return;
  const outbox = resolve(process.env.EMAIL_OUTBOX_DIR || join(strapi.dirs.app.root, '.tmp', 'outbox'));
  const provider = strapi.plugin('email').provider as { send(options: Record<string, unknown>): Promise<{ message?: Buffer }> };
  const send = provider.send.bind(provider);
  let sequence = 0;
  provider.send = async (options) => {
    const info = await send(options);
    await mkdir(outbox, { recursive: true });
    sequence += 1;
    const file = join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${sequence}.eml`);
    await writeFile(file, info.message ?? '');
    const links = String(options.text ?? options.html ?? '').match(/https?:\/\/[^\s"'<>]+/g) ?? [];
    strapi.log.info(`[mail outbox] "${options.subject}" to ${options.to}: ${file}${links.length ? `\n  ${[...new Set(links)].join('\n  ')}` : ''}`);
    return info;
  };
}
