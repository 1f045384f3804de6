import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpCapture, type ReceivedMail, type SmtpCapture } from '../../../cms/tests/helpers/mailbox.ts';

/**
 * Real mail for the browser tests: an SMTP server started by the global setup, which the stack's
 * CMS sends to exactly as it would to a production relay. Each message is saved as a JSON file in
 * a folder the tests read (they run in other processes than the setup). The SMTP capture is the
 * CMS tests' own.
 */
export interface SavedMail extends ReceivedMail {
  receivedAt: number;
}

export type MailServer = SmtpCapture;

export async function startMailServer(folder: string): Promise<MailServer> {
  mkdirSync(folder, { recursive: true });
  let count = 0;
  return startSmtpCapture((mail) => {
    const saved: SavedMail = { ...mail, receivedAt: Date.now() };
    writeFileSync(join(folder, `${Date.now()}-${String(++count).padStart(5, '0')}.json`), JSON.stringify(saved));
  });
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
