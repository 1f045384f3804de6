import type { Core } from '@strapi/strapi';

/**
 * A form submitted twice (a double click, a retried request) makes one post: the form carries a
 * one-off key, stored per author under a unique index. `create` runs only for a key not seen yet;
 * when two submissions race, the index lets one through and the other answers with its id.
 */
export async function oncePerSubmission(
  strapi: Core.Strapi,
  uid: string,
  authorId: number,
  key: string | undefined,
  create: (submissionKey: string | null) => Promise<number>,
): Promise<{ id: number; created: boolean }> {
  const submissionKey = key ? `${authorId}:${key}` : null;
  const earlier = async () =>
    submissionKey ? ((await strapi.db.query(uid as never).findOne({ select: ['id'], where: { submissionKey } })) as { id: number } | null) : null;
  const already = await earlier();
  if (already) return { id: already.id, created: false };
  try {
    return { id: await create(submissionKey), created: true };
  } catch (error) {
    const first = await earlier();
    if (first) return { id: first.id, created: false };
    throw error;
  }
}
