import { latestDiscussionsFixtures, latestDiscussionsLiveFixtures } from '@futurenhs/blocks/latest-discussions/fixtures.ts';
import { parseBlocks, type BlockData } from '@futurenhs/blocks';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from './cms/accounts.ts';
import { CmsRequestError } from './cms/http.ts';
import { forgetForum } from './forum/api.ts';
import { fileListFixtures, fileListLiveFixtures } from '@futurenhs/blocks/file-list/fixtures.ts';
import { fileListPath } from '@futurenhs/blocks/file-list/live.ts';
import type { LatestDiscussionsLive } from '@futurenhs/blocks/latest-discussions/live.ts';
import { invalidateTaggedCaches } from './cache/registry.ts';
import { latestDiscussionsPath, liveBlocksKey, liveReadTag, loadLiveBlocks } from './live-blocks.ts';

const cards = latestDiscussionsLiveFixtures.fewUnderH3.discussions;
const member = { standing: 'member', canFind: true, canView: true, canPost: true, canManage: false };
const outsider = { standing: 'none', canFind: true, canView: false, canPost: false, canManage: false };

function viewer(): Viewer {
  return { id: '7', email: 'a@nhs.net', firstName: 'A', lastName: 'B', jobTitle: 'Nurse', organisation: 'Trust', bio: '', profileComplete: true, photoUrl: null, memberships: [] };
}

let tokens = 0;
/** A signed-in viewer whose CMS answers the access route with `access` and the forum with `forum`. */
function locals(access: unknown, forum: () => unknown = () => ({ data: cards, meta: { pagination: { page: 1, pageSize: 10, pageCount: 1, total: cards.length } } })) {
  const calls: string[] = [];
  // A fresh token each time: the access cache is keyed by token, and tests must not share answers.
  const token = `token-live-${++tokens}`;
  return {
    calls,
    viewer: viewer() as Viewer | null,
    session: { accessToken: () => token as string | undefined },
    cms: {
      async get<T>(path: string): Promise<T> {
        calls.push(path);
        if (path.endsWith('/access')) return { data: access } as T;
        return forum() as T;
      },
    },
  };
}

const workspace = { slug: 'virtual-wards', visibility: 'restricted' as const };
const blocks = (...names: (keyof typeof latestDiscussionsFixtures)[]) =>
  parseBlocks([{ __component: 'blocks.inset-text', id: 1, body: 'Welcome' }, ...names.map((name) => latestDiscussionsFixtures[name])], () => {});

// Each test starts as after a forum write: the CMS's revalidation clears the workspace's forum tag.
beforeEach(() => forgetForum({ kind: 'workspace', workspace: 'virtual-wards' }));

describe('loadLiveBlocks', () => {
  it('fetches the latest discussions once, with the viewer’s client, for the largest count on the page', async () => {
    const viewerLocals = locals(member);
    const page = blocks('standard', 'fewUnderH3');
    const loaded = await loadLiveBlocks(viewerLocals, workspace, page);
    expect(viewerLocals.calls).toEqual([
      '/api/membership/workspaces/virtual-wards/access',
      '/api/forum/workspaces/virtual-wards/discussions?sort=activity&pageSize=5',
    ]);
    const [, standard, few] = page;
    expect(loaded.live.get(standard)).toEqual({ workspaceSlug: 'virtual-wards', discussions: expect.any(Array) });
    expect((loaded.live.get(standard) as LatestDiscussionsLive | undefined)?.discussions.map((d) => d.id)).toEqual(cards.map((d) => d.id));
    expect(loaded.live.get(few)).toBe(loaded.live.get(standard));
    expect(loaded.live.has(page[0])).toBe(false);
    expect(loaded.fingerprint).toMatch(/^discussions:[\w-]{22}$/);
  });

  it('reads the forum once for all readers until a forum write clears the workspace’s tag', async () => {
    const first = locals(member);
    const second = locals(member);
    const loaded = await loadLiveBlocks(first, workspace, blocks('standard'));
    const again = await loadLiveBlocks(second, workspace, blocks('standard'));
    expect(first.calls.filter((path) => path.includes('/forum/'))).toHaveLength(1);
    // The second reader's own access was checked; the discussions came from the shared cache.
    expect(second.calls).toEqual(['/api/membership/workspaces/virtual-wards/access']);
    expect(again.fingerprint).toBe(loaded.fingerprint);

    forgetForum({ kind: 'workspace', workspace: 'virtual-wards' });
    const third = locals(member, () => ({ data: [{ ...cards[0], id: 600 }], meta: { pagination: { page: 1, pageSize: 5, pageCount: 1, total: 1 } } }));
    const fresh = await loadLiveBlocks(third, workspace, blocks('standard'));
    expect(third.calls.filter((path) => path.includes('/forum/'))).toHaveLength(1);
    expect(fresh.fingerprint).not.toBe(loaded.fingerprint);
  });

  it('never fetches discussions for someone who may not read the workspace', async () => {
    const outsiderLocals = locals(outsider);
    const loaded = await loadLiveBlocks(outsiderLocals, workspace, blocks('standard'));
    expect(outsiderLocals.calls).toEqual(['/api/membership/workspaces/virtual-wards/access']);
    expect(loaded.live.size).toBe(0);
    // Kept apart from the readers' rendering, which has the discussions in it.
    expect(loaded.fingerprint).toBe('no-access');

    const anonymous = { ...locals(member), viewer: null, session: { accessToken: () => undefined } };
    expect((await loadLiveBlocks(anonymous, workspace, blocks('standard'))).live.size).toBe(0);
    expect(anonymous.calls).toEqual([]);
  });

  it('asks nothing when the page has no live block', async () => {
    const viewerLocals = locals(member);
    expect(await loadLiveBlocks(viewerLocals, workspace, blocks())).toEqual({ live: new Map(), fingerprint: '' });
    expect(viewerLocals.calls).toEqual([]);
  });

  it('a forum failure leaves the blocks out and the rendering unshared, rather than breaking the page', async () => {
    const failing = locals(member, () => {
      throw new CmsRequestError('Not Found', '/api/forum', 404, 'Not Found', []);
    });
    const warn = console.warn;
    console.warn = () => {};
    try {
      const loaded = await loadLiveBlocks(failing, workspace, blocks('standard'));
      expect(loaded).toEqual({ live: new Map(), fingerprint: null });
      // A failure is not remembered: the next view asks again.
      const recovered = locals(member);
      expect((await loadLiveBlocks(recovered, workspace, blocks('standard'))).fingerprint).toMatch(/^discussions:/);
      forgetForum({ kind: 'workspace', workspace: 'virtual-wards' });
      expect((await loadLiveBlocks(locals(member, () => ({ data: [{ id: 'x' }] })), workspace, blocks('standard'))).fingerprint).toBeNull();
    } finally {
      console.warn = warn;
    }
  });

  it('the fingerprint follows new discussions, comments and activity', async () => {
    const answer = (list: unknown[]) => () => ({ data: list, meta: { pagination: { page: 1, pageSize: 5, pageCount: 1, total: list.length } } });
    const fingerprint = async (list: unknown[]) => {
      // Each change is a forum write, after which the CMS clears the workspace's tag.
      forgetForum({ kind: 'workspace', workspace: 'virtual-wards' });
      return (await loadLiveBlocks(locals(member, answer(list)), workspace, blocks('standard'))).fingerprint;
    };
    const base = await fingerprint(cards);
    expect(await fingerprint(cards)).toBe(base);
    expect(await fingerprint([{ ...cards[0], id: 500, title: 'New' }, ...cards])).not.toBe(base);
    expect(await fingerprint([cards[0], { ...cards[1], commentCount: cards[1].commentCount + 1 }, ...cards.slice(2)])).not.toBe(base);
    expect(await fingerprint([cards[0], { ...cards[1], lastActivityAt: '2026-12-01T10:00:00.000Z' }, ...cards.slice(2)])).not.toBe(base);
    expect(await fingerprint([])).not.toBe(base);
  });
});

describe('the file list', () => {
  const files = fileListLiveFixtures.topLevel.files;
  /** The files plugin's folder page for the top level, and a 404 for folder 7 (gone). */
  const folderAnswer = (list: unknown[]) => ({
    data: {
      folder: null,
      breadcrumbs: [],
      folders: [],
      items: list.map((file) => ({ ...(file as object), description: null, mime: 'application/pdf', version: 1, updatedBy: null, can: { change: false, delete: false } })),
      pagination: { page: 1, pageSize: 5, pageCount: 1, total: list.length },
      sort: 'date',
      order: 'desc',
      can: { upload: true, createFolder: true, manageBin: false },
      maxUploadBytes: 1024,
    },
  });
  function filesLocals(list: unknown[] = files) {
    const viewerLocals = locals(member);
    const forum = viewerLocals.cms.get;
    viewerLocals.cms.get = async <T,>(path: string): Promise<T> => {
      if (path.includes('/folders/7?')) {
        viewerLocals.calls.push(path);
        throw new CmsRequestError('This folder does not exist', path, 404, 'This folder does not exist', []);
      }
      if (path.startsWith('/api/files/')) {
        viewerLocals.calls.push(path);
        return folderAnswer(list) as T;
      }
      return forum<T>(path);
    };
    return viewerLocals;
  }
  const page = (...names: (keyof typeof fileListFixtures)[]) =>
    parseBlocks([latestDiscussionsFixtures.standard, ...names.map((name) => fileListFixtures[name])], () => {});
  const filesTag = 'files:workspace:virtual-wards';

  beforeEach(() => invalidateTaggedCaches([filesTag]));

  it('reads the folder with the viewer’s client, beside the discussions, under its own key part', async () => {
    const viewerLocals = filesLocals();
    const blocks = page('topLevel');
    const loaded = await loadLiveBlocks(viewerLocals, workspace, blocks);
    expect(viewerLocals.calls).toContain(fileListPath('virtual-wards', null, 'newest', 5));
    expect(loaded.live.get(blocks[1])).toEqual({ workspaceSlug: 'virtual-wards', folder: null, files, missing: false });
    expect(loaded.fingerprint).toMatch(/^discussions:[\w-]{22}\|files:[\w-]{22}$/);
  });

  it('is cached for every reader under the files tag: a forum write leaves it, a files write clears it', async () => {
    const first = await loadLiveBlocks(filesLocals(), workspace, page('topLevel'));
    const second = filesLocals();
    await loadLiveBlocks(second, workspace, page('topLevel'));
    expect(second.calls.filter((path) => path.startsWith('/api/files/'))).toEqual([]);

    forgetForum({ kind: 'workspace', workspace: 'virtual-wards' });
    const afterPost = filesLocals();
    await loadLiveBlocks(afterPost, workspace, page('topLevel'));
    expect(afterPost.calls.filter((path) => path.startsWith('/api/files/'))).toEqual([]);

    invalidateTaggedCaches([filesTag]);
    const afterUpload = filesLocals([{ ...files[0], id: 500, name: 'New.pdf' }, ...files]);
    const fresh = await loadLiveBlocks(afterUpload, workspace, page('topLevel'));
    expect(afterUpload.calls.filter((path) => path.startsWith('/api/files/'))).toHaveLength(1);
    expect(fresh.fingerprint).not.toBe(first.fingerprint);
  });

  it('a folder that is gone does not take the page’s other live blocks down', async () => {
    const blocks = page('folderGone');
    const loaded = await loadLiveBlocks(filesLocals(), workspace, blocks);
    expect(loaded.fingerprint).not.toBeNull();
    expect(loaded.live.get(blocks[0])).toMatchObject({ discussions: expect.any(Array) });
    expect(loaded.live.get(blocks[1])).toEqual({ workspaceSlug: 'virtual-wards', folder: null, files: [], missing: true });
  });

  it('never reads the files for someone who may not read the workspace', async () => {
    const outsiderLocals = locals(outsider);
    const loaded = await loadLiveBlocks(outsiderLocals, workspace, page('topLevel'));
    expect(outsiderLocals.calls).toEqual(['/api/membership/workspaces/virtual-wards/access']);
    expect(loaded).toEqual({ live: new Map(), fingerprint: 'no-access' });
  });

  it('tags each read with the plugin that answers it', () => {
    expect(liveReadTag('/api/forum/workspaces/a/discussions?sort=activity', 'a')).toBe('forum:workspace:a');
    expect(liveReadTag(fileListPath('a', 3, 'name', 5), 'a')).toBe('files:workspace:a');
    expect(() => liveReadTag('https://elsewhere.example/api/files/x', 'a')).toThrow();
  });
});

describe('liveBlocksKey', () => {
  it('adds the live fingerprint to the page’s key; no sharing for drafts or when live data failed', () => {
    const live = new Map<BlockData, never>();
    expect(liveBlocksKey('/workspaces/x|doc|t', { live, fingerprint: '' })).toBe('/workspaces/x|doc|t');
    expect(liveBlocksKey('/workspaces/x|doc|t', { live, fingerprint: 'discussions:abc' })).toBe('/workspaces/x|doc|t|discussions:abc');
    expect(liveBlocksKey(null, { live, fingerprint: 'discussions:abc' })).toBeNull();
    expect(liveBlocksKey('/workspaces/x|doc|t', { live, fingerprint: null })).toBeNull();
  });

  it('builds the forum path with the slug encoded', () => {
    expect(latestDiscussionsPath('a b', 3)).toBe('/api/forum/workspaces/a%20b/discussions?sort=activity&pageSize=3');
  });
});
