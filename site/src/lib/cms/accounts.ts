import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { VISIBILITIES } from '@futurenhs/contract';
import { z } from 'zod';
import { siteConfig } from '../config.ts';
import { CmsError } from './errors.ts';
import { callCms, isCmsRequestError, type CmsHttp } from './http.ts';
import type { MemberCms } from './member-client.ts';

/**
 * The CMS's accounts API as the site uses it (cms/src/plugins/accounts/README.md): the
 * users-permissions auth routes, called by the site on the member's behalf (browsers never call
 * them), and the shapes of the accounts plugin's answers.
 */
export const STANDINGS = ['member', 'manager', 'pending', 'invited'] as const;
export type Standing = (typeof STANDINGS)[number];

const nullableText = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

export const viewerSchema = z.object({
  id: z.union([z.number(), z.string()]).transform(String),
  email: z.string(),
  firstName: nullableText,
  lastName: nullableText,
  jobTitle: nullableText,
  organisation: nullableText,
  bio: nullableText,
  profileComplete: z.boolean(),
  /** Path of the member's photo under the CMS's public URL. */
  photoUrl: z.string().nullish().transform((value) => value ?? null),
  memberships: z
    .array(
      z.object({
        standing: z.enum(STANDINGS),
        workspace: z.object({
          slug: z.string(),
          title: z.string(),
          summary: nullableText,
          visibility: z.enum(VISIBILITIES),
        }),
      }),
    )
    .default([]),
});

/** The signed-in member: who they are and where they belong. */
export type Viewer = z.output<typeof viewerSchema>;

export const invitationSchema = z.object({
  workspace: z.object({ title: z.string(), slug: z.string() }),
  email: z.string(),
  state: z.string(),
  expiresAt: z.string().nullish(),
});
export type Invitation = z.output<typeof invitationSchema>;

/** What sign-in, password reset and password change answer with: a new session (and whose). */
const sessionSchema = z
  .object({
    jwt: z.string().min(1),
    refreshToken: z.string().min(1),
    user: z.object({ id: z.union([z.number(), z.string()]) }).optional(),
  })
  .transform(({ jwt, refreshToken, user }) => ({ jwt, refreshToken, userId: user === undefined ? undefined : String(user.id) }));
export interface CmsSession {
  jwt: string;
  refreshToken: string;
  userId?: string;
}

/**
 * For the public auth routes, `clientAddress` is the visitor's: the CMS counts its per-client
 * limits against it when it is signed with the API token the two share (an HMAC, so the token
 * itself is not sent and nobody else can claim an address).
 */
export function cmsHttp(clientAddress?: string): CmsHttp {
  const config = siteConfig();
  const http: CmsHttp = { baseUrl: config.CMS_URL, timeoutMs: config.CMS_TIMEOUT_MS };
  if (clientAddress && isIP(clientAddress) && config.CMS_API_TOKEN) {
    const signature = createHmac('sha256', config.CMS_API_TOKEN).update(`futurenhs-visitor:${clientAddress}`).digest('base64url');
    http.visitor = { address: clientAddress, signature };
  }
  return http;
}

/** Validates a CMS answer; a shape the contract does not promise is a CMS fault, not the member's. */
export function parseCms<T>(schema: z.ZodType<T>, json: unknown, path: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new CmsError(`Unexpected CMS response for ${path}: ${problems}`, path);
  }
  return parsed.data;
}

/** A call to a public auth route: no token (the CMS's public role answers). */
async function post<T>(http: CmsHttp, path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
  const { json } = await callCms(http, path, { method: 'POST', body });
  return parseCms(schema, json, path);
}

const anything = z.unknown();

export interface Registration {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  organisation: string;
  invitation?: string;
}

export async function register(http: CmsHttp, registration: Registration): Promise<void> {
  const { invitation, ...fields } = registration;
  // users-permissions needs a unique username: the email is one.
  await post(http, '/api/auth/local/register', { ...fields, username: fields.email, ...(invitation ? { invitation } : {}) }, anything);
}

/**
 * Confirms an email address with the code from the confirmation mail: true when confirmed (the
 * CMS answers with a redirect to the sign-in page), false when the code is wrong or used.
 */
export async function confirmEmail(http: CmsHttp, code: string): Promise<boolean> {
  try {
    const { status } = await callCms(http, `/api/auth/email-confirmation?${new URLSearchParams({ confirmation: code })}`, { redirect: 'manual' });
    return status >= 300 && status < 400;
  } catch (error) {
    if (isCmsRequestError(error, 400) || isCmsRequestError(error, 404)) return false;
    throw error;
  }
}

/** Sends the confirmation mail again (the CMS answers the same whether or not the address is registered). */
export async function sendEmailConfirmation(http: CmsHttp, email: string): Promise<void> {
  await post(http, '/api/auth/send-email-confirmation', { email }, anything);
}

export function signIn(http: CmsHttp, email: string, password: string, deviceId: string): Promise<CmsSession> {
  return post(http, '/api/auth/local', { identifier: email, password, deviceId }, sessionSchema);
}

export function refreshSession(http: CmsHttp, refreshToken: string): Promise<CmsSession> {
  return post(http, '/api/auth/refresh', { refreshToken }, sessionSchema);
}

/**
 * Ends this browser's session family at the CMS (the viewer's token is sent by `cms`). The
 * refresh token names the family, even after a password change or reset, where the CMS picks
 * the new session's device id itself.
 */
export async function signOut(cms: MemberCms, refreshToken: string): Promise<void> {
  await cms.post('/api/auth/logout', { refreshToken });
}

export async function forgotPassword(http: CmsHttp, email: string): Promise<void> {
  await post(http, '/api/auth/forgot-password', { email }, anything);
}

export function resetPassword(http: CmsHttp, code: string, password: string): Promise<CmsSession> {
  return post(http, '/api/auth/reset-password', { code, password, passwordConfirmation: password }, sessionSchema);
}

/** Every other session of the member ends; this browser continues with the session returned. */
export async function changePassword(cms: MemberCms, currentPassword: string, password: string): Promise<CmsSession> {
  const path = '/api/auth/change-password';
  return parseCms(sessionSchema, await cms.post(path, { currentPassword, password, passwordConfirmation: password }), path);
}

export async function fetchViewer(http: CmsHttp, accessToken: string): Promise<Viewer> {
  const path = '/api/accounts/me';
  const { json } = await callCms(http, path, { token: accessToken });
  return parseCms(z.object({ data: viewerSchema }), json, path).data;
}

export interface Profile {
  firstName: string;
  lastName: string;
  jobTitle: string;
  organisation: string;
  bio: string;
}

export async function updateProfile(cms: MemberCms, profile: Profile): Promise<Viewer> {
  const path = '/api/accounts/me';
  return parseCms(z.object({ data: viewerSchema }), await cms.put(path, profile), path).data;
}

/** Replaces the member's photo; the CMS checks the file by its content and re-encodes it. */
export async function replacePhoto(cms: MemberCms, photo: File): Promise<Viewer> {
  const path = '/api/accounts/me/photo';
  const body = new FormData();
  body.set('photo', photo, photo.name || 'photo');
  return parseCms(z.object({ data: viewerSchema }), await cms.put(path, body), path).data;
}

export async function removePhoto(cms: MemberCms): Promise<void> {
  await cms.delete('/api/accounts/me/photo');
}

/** Removes the account (the CMS keeps their posts, attributed to a former member) and every session. */
export async function deleteAccount(cms: MemberCms, password: string): Promise<void> {
  await cms.delete('/api/accounts/me', { password });
}

export const INVITATION_TOKEN = /^[A-Za-z0-9_-]{8,200}$/;

/** An invitation by its emailed token; null when there is none (or the token is malformed). */
export async function getInvitation(cms: MemberCms, token: string): Promise<Invitation | null> {
  if (!INVITATION_TOKEN.test(token)) return null;
  const path = `/api/membership/invitations/${token}`;
  try {
    return parseCms(z.object({ data: invitationSchema }), await cms.get(path), path).data;
  } catch (error) {
    if (isCmsRequestError(error, 404)) return null;
    throw error;
  }
}

export async function respondToInvitation(cms: MemberCms, token: string, decision: 'accept' | 'decline'): Promise<void> {
  if (!INVITATION_TOKEN.test(token)) throw new CmsError('Malformed invitation token', '/api/membership/invitations');
  await cms.post(`/api/membership/invitations/${token}/${decision}`);
}
