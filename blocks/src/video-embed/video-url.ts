/**
 * Which video addresses the video embed accepts, and how each becomes a privacy-enhanced player URL.
 *
 * VIDEO_URL_PATTERN gates what editors may enter (zod and Strapi's `regex` both use it);
 * parseVideoUrl then reads the provider and id with the URL parser rather than the regex, and the
 * two must agree (the tests hold them to it).
 */
const YOUTUBE_ID = '[A-Za-z0-9_-]{11}';
const TAIL = '(?:[?&#][^\\s<>"]*)?';

export const VIDEO_URL_PATTERN = [
  // youtube.com/watch?v=ID (v anywhere in the query), /embed/ID, /shorts/ID, /live/ID
  `^https://(?:www\\.|m\\.)?youtube\\.com/(?:watch\\?(?:[^\\s<>"#]*&)?v=|embed/|shorts/|live/)${YOUTUBE_ID}${TAIL}$`,
  `^https://youtu\\.be/${YOUTUBE_ID}${TAIL}$`,
  `^https://www\\.youtube-nocookie\\.com/embed/${YOUTUBE_ID}${TAIL}$`,
  // vimeo.com/ID, vimeo.com/ID/HASH (unlisted), player.vimeo.com/video/ID?h=HASH
  `^https://(?:www\\.)?vimeo\\.com/[0-9]+(?:/[0-9a-f]+)?/?${TAIL}$`,
  `^https://player\\.vimeo\\.com/video/[0-9]+${TAIL}$`,
].join('|');

export const VIDEO_URL_MESSAGE = 'Enter the address of a YouTube or Vimeo video, starting with https://';

export type VideoSource =
  | { provider: 'youtube'; id: string; embedUrl: string }
  | { provider: 'vimeo'; id: string; hash?: string; embedUrl: string };

const YOUTUBE_ID_RE = new RegExp(`^${YOUTUBE_ID}$`);
const VIMEO_ID_RE = /^[0-9]+$/;
const VIMEO_HASH_RE = /^[0-9a-f]+$/;

function youtube(id: string | null | undefined): VideoSource | null {
  if (!id || !YOUTUBE_ID_RE.test(id)) return null;
  // youtube-nocookie sets no tracking cookies until the viewer presses play.
  return { provider: 'youtube', id, embedUrl: `https://www.youtube-nocookie.com/embed/${id}` };
}

function vimeo(id: string | undefined, hash: string | null | undefined): VideoSource | null {
  if (!id || !VIMEO_ID_RE.test(id)) return null;
  const validHash = hash && VIMEO_HASH_RE.test(hash) ? hash : undefined;
  // dnt=1: Vimeo's "do not track" player, which sets no cookies and records no session data.
  const query = new URLSearchParams({ ...(validHash ? { h: validHash } : {}), dnt: '1' });
  return { provider: 'vimeo', id, ...(validHash ? { hash: validHash } : {}), embedUrl: `https://player.vimeo.com/video/${id}?${query}` };
}

/** The provider, id and privacy-enhanced embed URL of a video address, or null if it is not one we accept. */
export function parseVideoUrl(address: string): VideoSource | null {
  if (!new RegExp(VIDEO_URL_PATTERN).test(address)) return null;
  const url = new URL(address);
  const segments = url.pathname.split('/').filter(Boolean);
  switch (url.hostname) {
    case 'youtube.com':
    case 'www.youtube.com':
    case 'm.youtube.com':
      return segments[0] === 'watch' ? youtube(url.searchParams.get('v')) : youtube(segments[1]);
    case 'youtu.be':
      return youtube(segments[0]);
    case 'www.youtube-nocookie.com':
      return youtube(segments[1]);
    case 'vimeo.com':
    case 'www.vimeo.com':
      return vimeo(segments[0], segments[1]);
    case 'player.vimeo.com':
      return vimeo(segments[1], url.searchParams.get('h'));
    default:
      return null;
  }
}
