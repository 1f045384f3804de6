import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * Real mail for the browser tests: an SMTP server started by the global setup, which the stack's
 * CMS sends to exactly as it would to a production relay. Each message is saved as a JSON file in
 * a folder the tests read (they run in other processes than the setup).
 */
export interface SavedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the message, in order, HTML entities decoded. */
  links: string[];
  receivedAt: number;
}

export interface MailServer {
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startMailServer(folder: string): Promise<MailServer> {
  mkdirSync(folder, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const text = parsed.text ?? '';
          const html = typeof parsed.html === 'string' ? parsed.html : '';
          const to = [parsed.to]
            .flat()
            .flatMap((address) => address?.value ?? [])
            .map((value) => value.address ?? '')
            .join(',')
            .toLowerCase();
          const links = [...new Set((html + text).match(/https?:\/\/[^\s"'<>]+/g) ?? [])].map((link) => link.replace(/&amp;/g, '&'));
          const mail: SavedMail = { to, subject: parsed.subject ?? '', text, html, links, receivedAt: Date.now() };
          writeFileSync(join(folder, `${Date.now()}-${String(++count).padStart(5, '0')}.json`), JSON.stringify(mail));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_SECURE: 'false', EMAIL_FROM: 'FutureNHS <no-reply@futurenhs.test>' },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function readMail(folder: string): SavedMail[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as SavedMail);
}

/** Waits for a message to this address (matching `subject`), received at or after `since`. */
export async function waitForMail(folder: string, to: string, { subject, since = 0, timeoutMs = 10_000 }: { subject?: RegExp; since?: number; timeoutMs?: number } = {}): Promise<SavedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = readMail(folder);
    const found = mails.find((mail) => mail.receivedAt >= since && mail.to.includes(to.toLowerCase()) && (!subject || subject.test(mail.subject)));
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`No mail to ${to}${subject ? ` matching ${subject}` : ''}; received: ${mails.map((mail) => `${mail.to}: ${mail.subject}`).join('; ') || 'none'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
