import type { Core } from '@strapi/strapi';
import { errors, z } from '@strapi/utils';
import { ALLOWED_DOMAIN_UID, INVITATION_UID, MEMBERSHIP_UID, PROFILE_FIELDS, USER_UID, type Visibility } from '../constants';
import { parse, passwordSchema, registrationSchema } from '../controllers/validation';
import { getService } from '../utils';
import { hashToken } from './membership';

const { ApplicationError, NotFoundError, ValidationError } = errors;

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
  memberships: {
    standing: 'member' | 'manager' | 'pending' | 'invited';
    workspace: { slug: string; title: string; summary: string; visibility: Visibility };
  }[];
}

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** `nhs.net` matches exactly; `*.nhs.uk` matches any subdomain of nhs.uk (not nhs.uk itself). */
export function domainMatches(pattern: string, domain: string): boolean {
  const rule = pattern.trim().toLowerCase();
  if (rule.startsWith('*.')) return domain.endsWith(rule.slice(1)) && domain.length > rule.length - 1;
  return domain === rule;
}

const fieldError = (path: string, message: string) => new ValidationError(message, { errors: [{ path: [path], message }] });

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
      const invitation = await strapi.db.query(INVITATION_UID).findOne({
        select: ['email', 'state', 'expiresAt'],
        where: { tokenHash: hashToken(invitationToken) },
      });
      const live = invitation && invitation.state === 'pending' && new Date(invitation.expiresAt).getTime() > Date.now();
      if (live && invitation.email === normaliseEmail(email)) return;
      throw fieldError('email', 'Use the email address your invitation was sent to, or ask for a new invitation');
    }
    if (!(await this.isDomainAllowed(email))) {
      throw fieldError(
        'email',
        'Registration is open to people with an email address from an NHS or partner organisation. Use your work email, or ask a workspace manager to invite you',
      );
    }
  },

  /**
   * Checks a registration and decides what users-permissions should do with it: the body to
   * register with, or null when the address already has an account (that person is mailed
   * instead, so the answer to the visitor is the same either way).
   */
  async prepareRegistration(input: unknown): Promise<Record<string, string> | null> {
    const { invitation, ...registration } = parse(registrationSchema, input);
    const email = normaliseEmail(registration.email);
    await this.requireMayRegister(email, invitation);
    const existing = await strapi.db.query(USER_UID).findOne({ select: ['id', 'email', 'confirmed'], where: { email: { $eqi: email } } });
    if (existing) {
      if (existing.confirmed) await getService(strapi, 'mail').alreadyRegistered(existing.email);
      else await strapi.plugin('users-permissions').service('user').sendConfirmationEmail(existing);
      return null;
    }
    return { ...registration, email, username: email };
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
    const rows = await strapi.db.query(MEMBERSHIP_UID).findMany({
      select: ['role', 'state'],
      where: { user: { id: userId } },
      populate: { workspace: { select: ['slug', 'title', 'summary', 'visibility'] } },
      orderBy: [{ id: 'asc' }],
    });
    const standing = (row: { role: string; state: string }) =>
      (row.state === 'active' ? row.role : row.state) as Viewer['memberships'][number]['standing'];
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
      memberships: rows
        .filter((row: { workspace: unknown }) => row.workspace)
        .map((row: any) => ({ standing: standing(row), workspace: row.workspace })),
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
   * Deletes the account in one transaction: its memberships go (each recorded as leaving), its
   * sessions end, and what it wrote stays, attributed to "former member" once the user is gone.
   * The last manager of a workspace must hand it over first, so no workspace is left unmanaged.
   */
  async deleteAccount(userId: number, password: string): Promise<void> {
    const user = await strapi.db.query(USER_UID).findOne({ select: ['id', 'password'], where: { id: userId } });
    if (!user) throw new NotFoundError('This account no longer exists');
    const users = strapi.plugin('users-permissions').service('user');
    if (!password || !(await users.validatePassword(password, user.password))) {
      throw fieldError('password', 'Your password is not correct');
    }
    await strapi.db.transaction(async () => {
      const rows = await strapi.db.query(MEMBERSHIP_UID).findMany({
        select: ['id', 'role', 'state'],
        where: { user: { id: userId } },
        populate: { workspace: { select: ['id', 'title'] } },
      });
      const soleManaged: string[] = [];
      for (const row of rows) {
        if (row.state !== 'active' || row.role !== 'manager' || !row.workspace) continue;
        const managers = await strapi.db.query(MEMBERSHIP_UID).count({
          where: { workspace: { id: row.workspace.id }, role: 'manager', state: 'active' },
        });
        if (managers <= 1) soleManaged.push(row.workspace.title);
      }
      if (soleManaged.length > 0) {
        throw new ApplicationError(
          `You are the only manager of ${soleManaged.join(', ')}: make another member a manager before you delete your account`,
          { workspaces: soleManaged },
        );
      }
      const audit = getService(strapi, 'audit');
      for (const row of rows) {
        await strapi.db.query(MEMBERSHIP_UID).delete({ where: { id: row.id } });
        if (row.workspace) {
          await audit.record({
            action: 'member.left',
            actorId: userId,
            workspaceId: row.workspace.id,
            targetUserId: userId,
            details: { state: row.state, role: row.role, reason: 'account deleted' },
          });
        }
      }
      await getService(strapi, 'profile-photo').remove(userId);
      await strapi.db.query(USER_UID).delete({ where: { id: userId } });
    });
    await strapi.sessionManager('users-permissions').invalidateRefreshToken(String(userId));
  },
});

export type AccountsService = ReturnType<typeof accountsService>;
