import { latestDiscussionsFixtures, latestDiscussionsLiveFixtures } from '@futurenhs/blocks/latest-discussions/fixtures.ts';
import { parseBlocks } from '@futurenhs/blocks';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { forgetForum } from '../lib/forum/api.ts';
import type { WorkspacePageContent } from '../lib/cms/workspaces.ts';
import WorkspaceBlocks from './WorkspaceBlocks.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const cards = latestDiscussionsLiveFixtures.standard.discussions;
const workspace = { slug: 'virtual-wards', visibility: 'restricted' as const };
const page: WorkspacePageContent = {
  documentId: 'home-doc',
  title: 'Home',
  slug: 'home',
  isHome: true,
  updatedAt: '2026-11-01T10:00:00.000Z',
  commentsEnabled: false,
  blocks: parseBlocks([{ __component: 'blocks.inset-text', id: 1, body: 'Welcome to the network' }, latestDiscussionsFixtures.standard], () => {}),
};

let tokens = 0;
/** A viewer (fresh token) whose CMS says `canView` and lists `discussions`; the paths asked are kept. */
function locals(canView: boolean, discussions: unknown[]) {
  const calls: string[] = [];
  const token = `token-blocks-${++tokens}`;
  return {
    calls,
    viewer: { id: String(tokens), memberships: [] },
    session: { accessToken: () => token },
    cms: {
      async get(path: string) {
        calls.push(path);
        if (path.endsWith('/access')) return { data: { standing: canView ? 'member' : 'none', canFind: true, canView, canPost: canView, canManage: false } };
        return { data: discussions, meta: { pagination: { page: 1, pageSize: 5, pageCount: 1, total: discussions.length } } };
      },
    },
  };
}

const render = (viewerLocals: ReturnType<typeof locals>) =>
  container.renderToString(WorkspaceBlocks, {
    props: { workspace, page, preview: false },
    locals: viewerLocals as never,
    request: new Request('http://site.test/workspaces/virtual-wards'),
  });

// As after a forum write: the CMS's revalidation clears the workspace's forum tag.
beforeEach(() => forgetForum({ kind: 'workspace', workspace: 'virtual-wards' }));

describe('WorkspaceBlocks', () => {
  it('renders the page’s blocks with the live discussions, and a new discussion shows at once despite the shared rendering', async () => {
    const first = await render(locals(true, cards));
    expect(first).toContain('Welcome to the network');
    expect(first).toContain('href="/workspaces/virtual-wards/discussions/47"');
    expect(first).toContain('See all discussions');

    // Another reader, same data: the shared rendering is served (same content).
    expect(await render(locals(true, cards))).toBe(first);

    // Someone posts: the CMS clears the workspace's forum tag, and the next reader sees the new
    // discussion straight away, although the page's rendered blocks are shared.
    forgetForum({ kind: 'workspace', workspace: 'virtual-wards' });
    const fresh = { ...cards[1], id: 48, title: 'Just posted: weekend cover', lastActivityAt: '2026-11-24T21:00:00.000Z', commentCount: 0 };
    const after = await render(locals(true, [cards[0], fresh, ...cards.slice(1, 4)]));
    expect(after).toContain('Just posted: weekend cover');

    // A new comment on an existing discussion changes its count at once too.
    forgetForum({ kind: 'workspace', workspace: 'virtual-wards' });
    const commented = await render(locals(true, [cards[0], { ...fresh, commentCount: 1, lastActivityAt: '2026-11-24T21:05:00.000Z' }, ...cards.slice(1, 4)]));
    expect(commented).toMatch(/Just posted: weekend cover[\s\S]*1 comment</);
  });

  it('never fetches nor shows discussions to someone who may not read the workspace, even with the readers’ rendering cached', async () => {
    await render(locals(true, cards));
    const outsider = locals(false, cards);
    const html = await render(outsider);
    expect(outsider.calls).toEqual(['/api/membership/workspaces/virtual-wards/access']);
    expect(html).toContain('Welcome to the network');
    expect(html).not.toContain('/discussions');
    expect(html).not.toContain(cards[1].title);
  });

  it('with no discussions yet: the empty state and a link to start one', async () => {
    forgetForum({ kind: 'workspace', workspace: 'virtual-wards' });
    const html = await render(locals(true, []));
    expect(html).toContain('No discussions yet.');
    expect(html).toContain('href="/workspaces/virtual-wards/discussions/new"');
  });
});
