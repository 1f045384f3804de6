import type { AstroCookies } from 'astro';
import { clearCookieOptions, cookieOptions } from './session/cookie.ts';

/**
 * One-off messages across a Post/Redirect/Get: the POST sets it, the page it redirects to shows
 * it once ("Your profile has been saved", "We have sent a link to …"). Kept in a short-lived
 * httpOnly cookie rather than the URL, so an email address never lands in logs or history.
 */
export const FLASH_COOKIE = 'fnhs_flash';

export interface Flash {
  /** A success notification banner's heading. */
  success?: string;
  /** The email address a link was sent to. */
  email?: string;
  /** The page builder's block the message is about (its index): the message is shown in it. */
  block?: number;
}

type Cookies = Pick<AstroCookies, 'get' | 'set' | 'delete'>;

export function setFlash(cookies: Cookies, flash: Flash, siteUrl: string): void {
  cookies.set(FLASH_COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), cookieOptions(siteUrl, 60));
}

/** The flash message, if any, removed as it is read. */
export function takeFlash(cookies: Cookies, siteUrl: string): Flash {
  const raw = cookies.get(FLASH_COOKIE)?.value;
  if (raw === undefined) return {};
  cookies.delete(FLASH_COOKIE, clearCookieOptions(siteUrl));
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Record<string, unknown>;
    const flash: Flash = {};
    if (typeof parsed.success === 'string') flash.success = parsed.success.slice(0, 200);
    if (typeof parsed.email === 'string') flash.email = parsed.email.slice(0, 254);
    if (Number.isInteger(parsed.block) && (parsed.block as number) >= 0) flash.block = parsed.block as number;
    return flash;
  } catch {
    return {};
  }
}
