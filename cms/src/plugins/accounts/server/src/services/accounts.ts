import { randomBytes } from 'node:crypto';
import { hashSync } from 'bcryptjs';
import type { Core } from '@strapi/strapi';
import { errors, sanitize, z } from '@strapi/utils';
import { fieldError } from '../../../../common/plugin';
import { membership, type AccountMembership } from '../../../../membership/server/src/contract';
import { ALLOWED_DOMAIN_UID, PROFILE_FIELDS, USER_UID } from '../constants';
import { parse, passwordSchema, registrationSchema } from '../controllers/validation';
import { getService } from '../utils';

const { NotFoundError } = errors;

export interface Profile {
  firstName: string;
  lastName: string;
  jobTitle: string;
  organisation: string;
  bio?: string | null;
}

export interface Viewer extends Profile {
  id: number;
  email: string;
  bio: string | null;
  profileComplete: boolean;
  /** Path of the member's photo (400×400 WebP) under the CMS's public URL, or null. */
  photoUrl: string | null;
  /** Asked of the membership plugin, which holds them. */
  memberships: AccountMembership[];
}

/** A registration checked and ready to create, as users-permissions stores it. */
export interface Registration extends Omit<Profile, 'bio'> {
  email: string;
  username: string;
  password: string;
}

const ROLE_UID = 'plugin::users-permissions.role';
/** A bcrypt hash of a random password, made once, at the cost users' passwords are hashed with. */
let decoyHash: Promise<string> | undefined;

/** A write refused because the address was taken meanwhile (by Strapi's check or the unique index). */
function isTaken(error: unknown): boolean {
  const candidate = error as { code?: string; message?: string } | null;
  return candidate?.code === '23505' || /UNIQUE constraint failed|duplicate key value|must be unique|already taken/i.test(candidate?.message ?? '');
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** `nhs.net` matches exactly; `*.nhs.uk` matches any subdomain of nhs.uk (not nhs.uk itself). */
export function domainMatches(pattern: string, domain: string): boolean {
  const rule = pattern.trim().toLowerCase();
  if (rule.startsWith('*.')) return domain.endsWith(rule.slice(1)) && domain.length > rule.length - 1;
  return domain === rule;
}

/** Accounts: who may register, the signed-in viewer, their profile, and deleting an account. */
export const accountsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async isDomainAllowed(email: string): Promise<boolean> {
    const domain = normaliseEmail(email).split('@').pop() ?? '';
    const rules = await strapi.db.query(ALLOWED_DOMAIN_UID).findMany({ select: ['domain'] });
    return rules.some((rule: { domain: string }) => domainMatches(rule.domain, domain));
  },

  /**
   * Registration is open to allow-listed domains, and to anyone holding a live invitation
   * sent to that very address (the invitation proves the manager wanted them).
   */
  async requireMayRegister(email: string, invitationToken?: string): Promise<void> {
    if (invitationToken) {
      if (await membership(strapi).membership.isInvited(email, invitationToken)) return;
      throw fieldError(['email'], 'Use the email address your invitation was sent to, or ask for a new invitation');
    }
    if (!(await this.isDomainAllowed(email))) {
      throw fieldError(
        ['email'],
        'Registration is open to people with an email address from an NHS or partner organisation. Use your work email, or ask a workspace manager to invite you',
      );
    }
  },

  /**
   * Checks a registration as far as can be told without looking the address up (fields,
   * password rule, allow-list or invitation); the rest is `completeRegistration`'s, queued, so
   * the answer and its timing are the same whether or not the address has an account.
   */
  async checkRegistration(input: unknown): Promise<Registration> {
    const { invitation, ...registration } = parse(registrationSchema, input);
    const email = normaliseEmail(registration.email);
    await this.requireMayRegister(email, invitation);
    return { ...registration, email, username: email };
  },

  /**
   * Creates the account and mails its confirmation link; or, when the address already has an
   * account, mails its owner instead (a new confirmation link if it was never confirmed). Both
   * hash the password, so even the work done in the background looks the same.
   */
  async completeRegistration(registration: Registration): Promise<void> {
    const users = strapi.plugin('users-permissions').service('user');
    const existing = await strapi.db.query(USER_UID).findOne({ select: ['id', 'email', 'confirmed', 'blocked'], where: { email: { $eqi: registration.email } } });
    if (!existing) {
      const role = await strapi.db.query(ROLE_UID).findOne({ select: ['id'], where: { type: 'authenticated' } });
      try {
        const user = await users.add({ ...registration, provider: 'local', role: role.id, confirmed: false, blocked: false });
        await users.sendConfirmationEmail(user);
        return;
      } catch (error) {
        // Two submissions of one form raced: the account exists, made by the other one.
        if (!isTaken(error)) throw error;
        return;
      }
    }
    // Strapi's Document Service hashes a new account's password synchronously, holding the event
    // loop for as long as a hash takes: the same hash here keeps even that out of anyone's timing.
    const rounds = Number(strapi.getModel(USER_UID).attributes.password?.['encryption']?.rounds ?? 10);
    hashSync(registration.password, rounds);
    if (existing.blocked) return;
    if (existing.confirmed) await getService(strapi, 'mail').alreadyRegistered(existing.email);
    else await users.sendConfirmationEmail(existing);
  },

  /**
   * What sign-in does for an address with no account (or none with a password): checks the
   * password against a hash of the same cost as a real one, so the answer takes as long.
   */
  async checkPasswordOfNobody(password: unknown): Promise<void> {
    decoyHash ??= strapi
      .plugin('users-permissions')
      .service('user')
      .ensureHashedPasswords({ password: randomBytes(24).toString('base64url') })
      .then((values: { password: string }) => values.password);
    await strapi.plugin('users-permissions').service('user').validatePassword(typeof password === 'string' ? password : '', await decoyHash);
  },

  /** The account sign-in would use for this identifier (the same lookup as users-permissions'). */
  async findSignInAccount(identifier: string): Promise<{ id: number; password: string | null } | null> {
    return strapi.db.query(USER_UID).findOne({
      select: ['id', 'password'],
      where: { provider: 'local', $or: [{ email: identifier.toLowerCase() }, { username: identifier }] },
    });
  },

  /** Queued by forgotten-password: mails a reset link when the address has an unblocked account. */
  async sendPasswordReset(address: string): Promise<void> {
    const email = normaliseEmail(address);
    const user = await strapi.db.query(USER_UID).findOne({ where: { email } });
    if (!user || user.blocked) return;
    const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
    const settings = ((await store.get({ key: 'email' })) as any)?.reset_password?.options ?? {};
    const advanced = ((await store.get({ key: 'advanced' })) as any) ?? {};
    const template = strapi.plugin('users-permissions').service('users-permissions').template;
    const token = randomBytes(64).toString('hex');
    const userInfo = await sanitize.sanitizers.defaultSanitizeOutput({ schema: strapi.getModel(USER_UID), getModel: strapi.getModel.bind(strapi) as any }, user);
    const html = await template(settings.message, { URL: advanced.email_reset_password, USER: userInfo, TOKEN: token });
    const subject = await template(settings.object, { USER: userInfo });
    // The token is stored before the mail goes, so a link that arrives always works.
    await strapi.db.query(USER_UID).update({ where: { id: user.id }, data: { resetPasswordToken: token, resetPasswordRequestedAt: new Date() } });
    await strapi.plugin('email').service('email').send({
      to: user.email,
      from: settings.from?.email ? `${settings.from.name} <${settings.from.email}>` : undefined,
      replyTo: settings.response_email || undefined,
      subject,
      html,
    });
  },

  /** Queued by "send the confirmation link again": only an unconfirmed, unblocked account gets one. */
  async resendConfirmation(address: string): Promise<void> {
    const user = await strapi.db.query(USER_UID).findOne({ where: { email: normaliseEmail(address) } });
    if (!user || user.confirmed || user.blocked) return;
    await strapi.plugin('users-permissions').service('user').sendConfirmationEmail(user);
  },

  /** Queued when an account's failed sign-ins reach the flood mark: tells its owner, once per window. */
  async warnOfFlood(identifier: string): Promise<void> {
    // Found as sign-in finds it (by email, or by username), so a flood by either is told.
    const user = await strapi.db.query(USER_UID).findOne({
      select: ['id', 'email', 'blocked'],
      where: { provider: 'local', $or: [{ email: normaliseEmail(identifier) }, { username: identifier }] },
    });
    if (!user || user.blocked) return;
    try {
      await getService(strapi, 'rate-limit').consume('floodWarning', user.id);
    } catch {
      return;
    }
    await getService(strapi, 'mail').signInFlood(user.email);
  },

  /** One password rule for registration, reset and change (400 with the reason otherwise). */
  checkPassword(password: unknown): void {
    parse(z.object({ password: passwordSchema }), { password });
  },

  async viewer(userId: number): Promise<Viewer> {
    const user = await strapi.db.query(USER_UID).findOne({
      select: ['id', 'email', 'blocked', ...PROFILE_FIELDS, 'bio'],
      where: { id: userId },
      populate: { photo: { select: ['url'] } },
    });
    if (!user || user.blocked) throw new NotFoundError('This account no longer exists');
    return {
      id: user.id,
      email: user.email,
      firstName: user.firstName ?? '',
      lastName: user.lastName ?? '',
      jobTitle: user.jobTitle ?? '',
      organisation: user.organisation ?? '',
      bio: user.bio ?? null,
      photoUrl: user.photo?.url ?? null,
      profileComplete: PROFILE_FIELDS.every((field) => typeof user[field] === 'string' && user[field].trim() !== ''),
      memberships: await membership(strapi).membership.membershipsOf(userId),
    };
  },

  async displayName(userId: number): Promise<string> {
    const user = await strapi.db.query(USER_UID).findOne({ select: ['firstName', 'lastName'], where: { id: userId } });
    return [user?.firstName, user?.lastName].filter(Boolean).join(' ') || 'A workspace manager';
  },

  async updateProfile(userId: number, profile: Profile): Promise<Viewer> {
    await strapi.db.query(USER_UID).update({
      where: { id: userId },
      data: { ...profile, bio: profile.bio || null },
    });
    return this.viewer(userId);
  },

  /**
   * Deletes the account in one transaction: it leaves every workspace (membership's `leaveAll`,
   * which refuses the last manager of one), its sessions end, and what it wrote stays,
   * attributed to "former member" once the user is gone.
   */
  async deleteAccount(userId: number, password: string): Promise<void> {
    const user = await strapi.db.query(USER_UID).findOne({ select: ['id', 'password'], where: { id: userId } });
    if (!user) throw new NotFoundError('This account no longer exists');
    const users = strapi.plugin('users-permissions').service('user');
    if (!password || !(await users.validatePassword(password, user.password))) {
      throw fieldError(['password'], 'Your password is not correct');
    }
    await strapi.db.transaction(async () => {
      await membership(strapi).membership.leaveAll(userId);
      await getService(strapi, 'profile-photo').remove(userId);
      await strapi.db.query(USER_UID).delete({ where: { id: userId } });
    });
    await strapi.sessionManager('users-permissions').invalidateRefreshToken(String(userId));
  },
});

export type AccountsService = ReturnType<typeof accountsService>;
