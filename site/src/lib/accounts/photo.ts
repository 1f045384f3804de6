import { removePhoto, replacePhoto, type Viewer } from '../cms/accounts.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { mediaUrl } from '../cms/media.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { requireViewer } from '../viewer.ts';
import { isPost, readForm, refusal, seeOther, type FormPage, type PageContext } from './page.ts';

/** The CMS's limit too; checked here first so a large file is refused before it is sent on. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export interface PhotoPage extends FormPage<Record<string, never>> {
  viewer: Viewer;
  /** The current photo's address for <img>, or null. */
  photoSrc: string | null;
}

/** GET /account/photo, and its POSTs: upload a photo (multipart) or remove it. */
export async function photoPage(context: PageContext): Promise<Response | PhotoPage> {
  const viewer = requireViewer(context);
  if (viewer instanceof Response) return viewer;
  const page = (status: number, errors: PhotoPage['errors']): PhotoPage => ({
    status,
    values: {},
    errors,
    viewer,
    photoSrc: viewer.photoUrl ? mediaUrl(viewer.photoUrl) : null,
  });
  if (!isPost(context)) return page(200, {});

  const form = await readForm(context);
  const { SITE_URL } = siteConfig();
  try {
    if (form.get('action') === 'remove') {
      await removePhoto(context.locals.cms);
      setFlash(context.cookies, { success: 'Your photo has been removed' }, SITE_URL);
      return seeOther('/account');
    }
    const photo = form.get('photo');
    if (!(photo instanceof File) || photo.size === 0) return page(400, { photo: 'Choose a photo to upload' });
    if (photo.size > PHOTO_MAX_BYTES) return page(400, { photo: 'The photo must be smaller than 5 MB' });
    await replacePhoto(context.locals.cms, photo);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    const { status, errors } = refusal(error, ['photo'], 'photo');
    return page(status, errors);
  }
  setFlash(context.cookies, { success: 'Your photo has been saved' }, SITE_URL);
  return seeOther('/account');
}
