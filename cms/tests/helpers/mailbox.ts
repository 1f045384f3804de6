import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Every http(s) link in the mail, in order. */
  links: string[];
}

/**
 * A real SMTP server in the test process: the CMS sends through nodemailer over TCP exactly as
 * in production, and tests read what arrived.
 */
export interface Mailbox {
  env: Record<string, string>;
  messages: ReceivedMail[];
  /** Waits for the next mail to this address (and subject), received after `since` messages. */
  next(to: string, options?: { subject?: RegExp; since?: number; timeoutMs?: number }): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface SmtpCapture {
  /** What the CMS needs to send to this server (SMTP_HOST, SMTP_PORT, ...). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** A real SMTP server on a free local port; each message arrives parsed, its links listed. */
export async function startSmtpCapture(onMail: (mail: ReceivedMail) => void): Promise<SmtpCapture> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const text = parsed.text ?? '';
          const html = typeof parsed.html === 'string' ? parsed.html : '';
          const to = [parsed.to].flat().flatMap((address) => address?.value ?? []).map((value) => value.address ?? '').join(',');
          const links = [...new Set((html + text).match(/https?:\/\/[^\s"'<>]+/g) ?? [])].map((link) => link.replace(/&amp;/g, '&'));
          onMail({ to: to.toLowerCase(), subject: parsed.subject ?? '', text, html, links });
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

export async function startMailbox(): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const capture = await startSmtpCapture((mail) => messages.push(mail));
  return {
    env: capture.env,
    messages,
    async next(to, { subject, since = 0, timeoutMs = 5000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.slice(since).find((mail) => mail.to.includes(to.toLowerCase()) && (!subject || subject.test(mail.subject)));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No mail to ${to}${subject ? ` matching ${subject}` : ''} arrived; got: ${messages.map((m) => `${m.to}: ${m.subject}`).join('; ')}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: capture.close,
  };
}
