import { describe, expect, it } from 'vitest';
import { NO_COMMENT_ABILITIES } from '@futurenhs/contract';
import type { ForumComment } from '@futurenhs/contract';
import { actionHref, NO_OUTCOME, type CommentContext } from './thread-page.ts';
import { controlSlot, fillViewerControls } from './viewer-controls.ts';

const comment = (id: number, authorId: number, state: ForumComment['state'] = 'visible'): ForumComment => ({
  id,
  parentId: null,
  author: { id: authorId, name: 'Bob <Jones>', jobTitle: null, organisation: null },
  createdAt: '2026-11-20T10:05:00.000Z',
  editedAt: null,
  state,
  removedBy: null,
  body: state === 'visible' ? 'Hello' : null,
  likeCount: 0,
  replyCount: 0,
  replies: [],
});

function context(viewerId: string, overrides: Partial<CommentContext> = {}): CommentContext {
  return {
    url: new URL('http://site.test/workspaces/w/discussions/1?sort=oldest&after=abc'),
    viewerId,
    permissions: { canPost: true, canModerate: false, locked: false },
    liked: new Set(),
    // What the CMS answers viewer 5 for comments 1 (Bob's) and 2 (their own).
    can: new Map([
      [1, { ...NO_COMMENT_ABILITIES, like: true, report: true, reply: true }],
      [2, { ...NO_COMMENT_ABILITIES, edit: true, delete: true }],
    ]),
    hiddenReasons: new Map(),
    focus: null,
    outcome: NO_OUTCOME,
    allReplies: false,
    ...overrides,
  };
}

const slots = (id: number) => `${controlSlot('like', id)}|${controlSlot('actions', id)}|${controlSlot('hidden', id)}`;

describe('the controls each viewer gets in a shared comment list', () => {
  const theirs = comment(1, 8);
  const mine = comment(2, 5);

  it('gives a reader Like (or Unlike once liked), Reply and Report on others’ comments, with their CSRF token', () => {
    const html = fillViewerControls(slots(1), [theirs], context('5'), 'token-"5"');
    expect(html).toContain('name="intent" value="like"');
    expect(html).toContain('value="token-&quot;5&quot;"');
    expect(html).toContain('>Report<');
    expect(html).toContain(`href="${actionHref(context('5').url, 'reply', 1, '#reply-1').replace(/&/g, '&amp;')}"`);
    expect(html).toContain('comment by Bob &lt;Jones&gt;');
    expect(html).not.toContain('>Edit<');
    expect(fillViewerControls(slots(1), [theirs], context('5', { liked: new Set([1]) }), 't')).toContain('value="unlike"');
  });

  it('gives the author Edit and Delete on their own, never Like or Report', () => {
    const html = fillViewerControls(slots(2), [mine], context('5'), 't');
    expect(html).toContain('>Edit<');
    expect(html).toContain('>Delete<');
    expect(html).not.toContain('name="intent"');
    expect(html).not.toContain('>Report<');
  });

  it('gives nothing to do on a locked thread, and a manager Delete on anyone’s comment', () => {
    const controls = `${controlSlot('like', 1)}|${controlSlot('actions', 1)}`;
    expect(fillViewerControls(controls, [theirs], context('5', { permissions: { canPost: true, canModerate: true, locked: true }, can: new Map([[1, NO_COMMENT_ABILITIES]]) }), 't')).toBe('|');
    const managerCan = new Map([[1, { like: true, report: true, reply: true, edit: false, delete: true, hide: true }]]);
    expect(fillViewerControls(slots(1), [theirs], context('9', { permissions: { canPost: true, canModerate: true, locked: false }, can: managerCan }), 't')).toContain('>Delete<');
  });

  it('tells only the author of a hidden comment why it was hidden', () => {
    const hidden = comment(3, 5, 'hidden');
    const author = fillViewerControls(controlSlot('hidden', 3), [hidden], context('5', { hiddenReasons: new Map([[3, 'Names a <patient>']]) }), 't');
    expect(author).toContain('Your comment was hidden by a moderator. Reason: Names a &lt;patient&gt;');
    const reader = fillViewerControls(controlSlot('hidden', 3), [hidden], context('8'), 't');
    expect(reader).toContain('This comment was hidden by a moderator');
    expect(reader).not.toContain('Reason');
  });
});
