import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import { moderationItemSchema } from '@futurenhs/contract';
import { reportedItem } from '../../lib/moderation/fixtures.ts';
import ModerationItem from './ModerationItem.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const render = (raw: unknown, props: Record<string, unknown> = {}) =>
  container.renderToString(ModerationItem, {
    props: { item: moderationItemSchema.parse(raw), queue: 'open', action: '/workspaces/virtual-wards/manage/moderation', ...props },
    locals: { csrfToken: 'csrf-token-1' } as never,
  });

describe('ModerationItem', () => {
  it('shows the comment as members see it, who wrote it, where, and the reports', async () => {
    const html = await render(reportedItem);
    expect(html).toContain('Comment by Sam Lee');
    expect(html).toContain('Paramedic, Yorkshire Ambulance Service');
    expect(html).toContain('<time datetime="2026-11-20T10:00:00.000Z">');
    expect(html).toMatch(/In the discussion <a href="\/workspaces\/virtual-wards\/discussions\/12">Overnight escalation<\/a>/);
    expect(html).toContain('<strong>me</strong>');
    // Member links, as everywhere comments are shown.
    expect(html).toMatch(/<a [^>]*href="https:\/\/example.org"[^>]*rel="nofollow ugc noopener"|<a [^>]*rel="nofollow ugc noopener"[^>]*href="https:\/\/example.org"/);
    expect(html).toContain('1 report');
    expect(html).toContain('Advertising');
    expect(html).toContain('reported by Priya Shah');
  });

  it('offers Hide (with the reason field) and Dismiss, in one form carrying the CSRF token and the comment', async () => {
    const html = await render(reportedItem, { reason: 'Spam', error: 'Enter the reason' });
    expect(html).toMatch(/<form method="post" action="\/workspaces\/virtual-wards\/manage\/moderation" novalidate>/);
    expect(html).toContain('<input type="hidden" name="_csrf" value="csrf-token-1">');
    expect(html).toContain('<input type="hidden" name="comment" value="301">');
    expect(html).toMatch(/<textarea[^>]*id="reason-301"[^>]*name="reason-301"[^>]*>Spam<\/textarea>/);
    expect(html).toContain('Reason for hiding the comment by Sam Lee');
    expect(html).toContain('Enter the reason');
    expect(html).toMatch(/name="intent" value="hide">Hide comment/);
    expect(html).toMatch(/name="intent" value="dismiss">Dismiss reports/);
    expect(html).not.toContain('value="restore"');
  });

  it('in the hidden queue: the reason the author was given, and Restore only', async () => {
    const hidden = { ...reportedItem, comment: { ...reportedItem.comment, state: 'hidden', hiddenReason: 'Advertising' }, reports: [] };
    const html = await render(hidden, { queue: 'hidden' });
    expect(html).toContain('The reason its author was given: Advertising');
    expect(html).toMatch(/name="intent" value="restore">Restore comment/);
    expect(html).not.toContain('value="hide"');
    expect(html).not.toContain('reports');
  });

  it('a removed comment shows a placeholder and can only have its reports dismissed; a deleted account is a former member', async () => {
    const removed = { ...reportedItem, comment: { ...reportedItem.comment, state: 'removed', body: null, author: null } };
    const html = await render(removed);
    expect(html).toContain('Comment removed');
    expect(html).toContain('Comment by Former member');
    expect(html).not.toContain('value="hide"');
    expect(html).toContain('value="dismiss"');
  });

  it('hostile text stays text: no script, handler, script link or direction override from members', async () => {
    const hostile = {
      ...reportedItem,
      comment: { ...reportedItem.comment, body: '<script>window.__pwned=1</script><img src=x onerror=alert(1)> [x](javascript:alert(1)) <svg onload=alert(1)>\u202Etxt' },
      thread: { ...reportedItem.thread, title: '<b onmouseover=alert(1)>t</b>\u2066' },
      reports: [{ ...reportedItem.reports[0], reason: '<img src=x onerror=alert(1)>\u202E', reporter: { id: 4, name: 'Eve\u202Eevil', jobTitle: null, organisation: null } }],
    };
    const html = await render(hostile);
    // Markup in member text arrives as text: no element of theirs, no handler or script link on any tag.
    expect(html).not.toMatch(/<(script|img|svg|b)[\s>]/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/(href|src)="\s*(javascript|data):/i);
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(html).toContain('reported by Eveevil');
  });
});
