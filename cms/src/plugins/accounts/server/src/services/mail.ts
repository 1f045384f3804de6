import type { Core } from '@strapi/strapi';

/**
 * The mails this plugin sends, through Strapi's email plugin (SMTP, or the outbox folder of the
 * embedded default). Links point at the site, never at the CMS, which need not be public.
 */
export const siteUrl = () => (process.env.SITE_URL || 'http://localhost:4321').replace(/\/+$/, '');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

interface Mail {
  to: string;
  subject: string;
  /** Paragraphs of plain text; the HTML version is built from the same words. */
  paragraphs: string[];
  link: { href: string; text: string };
}

function render({ paragraphs, link }: Mail) {
  const text = [...paragraphs, `${link.text}: ${link.href}`, 'FutureNHS'].join('\n\n');
  const html = [
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>`,
    '<p>FutureNHS</p>',
  ].join('\n');
  return { text, html };
}

export const mailService = ({ strapi }: { strapi: Core.Strapi }) => {
  async function send(mail: Mail) {
    await strapi.plugin('email').service('email').send({ to: mail.to, subject: mail.subject, ...render(mail) });
  }

  return {
    async invitation(to: string, { token, workspaceTitle, inviterName }: { token: string; workspaceTitle: string; inviterName: string }) {
      await send({
        to,
        subject: `You're invited to join ${workspaceTitle} on FutureNHS`,
        paragraphs: [
          `${inviterName} has invited you to join the workspace "${workspaceTitle}" on FutureNHS.`,
          'Open the link to accept or decline. If you do not have an account yet, you can create one from there. The invitation expires in 14 days.',
        ],
        link: { href: `${siteUrl()}/invitations/${token}`, text: 'View your invitation' },
      });
    },

    /** Sent instead of a second account, so registration never tells anyone who is registered. */
    async alreadyRegistered(to: string) {
      await send({
        to,
        subject: 'You already have a FutureNHS account',
        paragraphs: [
          'Someone, probably you, tried to register on FutureNHS with this email address. You already have an account.',
          'Sign in with it, or reset your password if you have forgotten it. If this was not you, you can ignore this email.',
        ],
        link: { href: `${siteUrl()}/forgot-password`, text: 'Reset your password' },
      });
    },

    /**
     * Many wrong passwords for this account: its owner should know, but is not locked out. The
     * only link is the site's own forgotten-password page, which asks for nothing but the address.
     */
    async signInFlood(to: string) {
      await send({
        to,
        subject: 'Many failed attempts to sign in to your FutureNHS account',
        paragraphs: [
          'In the last 15 minutes there have been many attempts to sign in to your FutureNHS account with a wrong password.',
          'Your account is not locked: you can still sign in as usual. If these attempts were not yours, someone may be trying to guess your password. Make sure it is long and not used anywhere else, and choose a new one if you are unsure.',
          'FutureNHS will never ask you for your password by email.',
        ],
        link: { href: `${siteUrl()}/forgot-password`, text: 'Choose a new password' },
      });
    },
  };
};

export type MailService = ReturnType<typeof mailService>;
