import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import WorkspaceLayout from '../../layouts/WorkspaceLayout.astro';
import type { WorkspaceAccess } from '@futurenhs/contract';
import WorkspaceCardItem from '../WorkspaceCardItem.astro';
import WorkspaceNavigation from '../WorkspaceNavigation.astro';
import JoinPanel from './JoinPanel.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const workspace = { documentId: 'w1', title: 'Chief Nurses', slug: 'chief-nurses', summary: 'For chief nurses.', visibility: 'restricted' as const };
const none: WorkspaceAccess = { standing: 'none', canFind: true, canView: false, canPost: false, canManage: false };
/** What the CMS answers a signed-in outsider of a restricted and of an open workspace. */
const mayAsk: WorkspaceAccess = { ...none, canRequest: true };
const mayJoin: WorkspaceAccess = { ...none, canJoin: true };
const locals = { viewer: null, csrfToken: 'tok' } as unknown as App.Locals;
const request = new Request('http://site.test/workspaces/chief-nurses');

describe('JoinPanel', () => {
  it('asks anonymous visitors to sign in and come back', async () => {
    const html = await container.renderToString(JoinPanel, { props: { workspace, access: none, signedIn: false, signInHref: '/sign-in?next=%2Fworkspaces%2Fchief-nurses' }, locals, request });
    expect(html).toContain('Sign in to read this workspace');
    expect(html).toContain('href="/sign-in?next=%2Fworkspaces%2Fchief-nurses"');
    expect(html).not.toContain('<form');
  });

  it('offers a restricted workspace’s request form with an optional message, keeping what was typed and its error', async () => {
    const html = await container.renderToString(JoinPanel, {
      props: { workspace, access: mayAsk, signedIn: true, signInHref: '/sign-in', errors: { message: 'Your message must be 500 characters or fewer' }, values: { message: 'Hello there' } },
      locals,
      request,
    });
    expect(html).toContain('name="intent" value="request"');
    expect(html).toContain('name="_csrf" value="tok"');
    expect(html).toContain('>Hello there</textarea>');
    expect(html).toContain('Your message must be 500 characters or fewer');
  });

  it('joins an open workspace at once, and tells a pending requester that they wait', async () => {
    const open = await container.renderToString(JoinPanel, { props: { workspace: { ...workspace, visibility: 'open' }, access: mayJoin, signedIn: true, signInHref: '/sign-in' }, locals, request });
    expect(open).toContain('name="intent" value="join"');
    const pending = await container.renderToString(JoinPanel, { props: { workspace, access: { ...none, standing: 'pending' }, signedIn: true, signInHref: '/sign-in' }, locals, request });
    expect(pending).toContain('Request pending');
    expect(pending).toContain('name="intent" value="leave"');
  });
});

describe('WorkspaceLayout for someone who may not read the workspace', () => {
  it('shows its managers and the way in, never the page', async () => {
    const html = await container.renderToString(WorkspaceLayout, {
      props: { workspace, restricted: true, access: mayAsk, signedIn: true, managers: [{ id: '3', firstName: 'David', lastName: 'Okoro', jobTitle: 'Director of Nursing', organisation: 'Royal Cornwall' }] },
      slots: { default: '<p>SECRET CONTENT</p>' },
      locals,
      request,
    });
    expect(html).toContain('David Okoro');
    expect(html).toContain('Director of Nursing, Royal Cornwall');
    expect(html).toContain('Request to join');
    expect(html).not.toContain('SECRET CONTENT');
  });
});

describe('WorkspaceNavigation', () => {
  it('adds Members for readers and Manage for managers', async () => {
    const items = [{ title: 'Home', href: '/workspaces/chief-nurses', current: true }];
    const member = await container.renderToString(WorkspaceNavigation, { props: { items, workspaceTitle: 'Chief Nurses', slug: 'chief-nurses', showMembers: true } });
    expect(member).toContain('href="/workspaces/chief-nurses/members"');
    expect(member).not.toContain('/manage/');
    const manager = await container.renderToString(WorkspaceNavigation, { props: { items, workspaceTitle: 'Chief Nurses', slug: 'chief-nurses', showMembers: true, showManage: true } });
    expect(manager).toContain('href="/workspaces/chief-nurses/manage/members"');
  });
});

describe('WorkspaceCardItem in the directory', () => {
  it('shows anonymous visitors the same card for everyone, with a way to sign in', async () => {
    const html = await container.renderToString(WorkspaceCardItem, { props: { workspace, actions: true, signedIn: false }, locals, request });
    expect(html).toContain('Sign in to join');
    expect(html).not.toContain('_csrf');
  });

  it('shows a member where they stand, and an outsider what they can do', async () => {
    const member = await container.renderToString(WorkspaceCardItem, { props: { workspace, actions: true, signedIn: true, standing: 'member' }, locals, request });
    expect(member).toContain('>Member</strong>');
    const outsider = await container.renderToString(WorkspaceCardItem, { props: { workspace: { ...workspace, visibility: 'open' }, actions: true, signedIn: true }, locals, request });
    expect(outsider).toMatch(/<form[^>]+action="\/workspaces\/chief-nurses"/);
    const restricted = await container.renderToString(WorkspaceCardItem, { props: { workspace, actions: true, signedIn: true }, locals, request });
    expect(restricted).toContain('href="/workspaces/chief-nurses#membership"');
  });
});
