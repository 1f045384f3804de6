import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentComment, DocumentView } from '@futurenhs/contract';
import type { DocumentPage as DocumentPageData, VersionPage } from '../../lib/documents/pages.ts';
import DocumentPage from './DocumentPage.astro';
import DocumentVersionCompare from './DocumentVersionCompare.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const locals = { viewer: null, csrfToken: 'tok' } as unknown as App.Locals;
const ada = { id: 7, name: 'Ada Lovelace', jobTitle: 'Chief Nurse', organisation: 'Leeds' };
const workspace = { slug: 'board', title: 'Board', summary: 'The board.', visibility: 'restricted' } as DocumentPageData['workspace'];
const access = { canFind: true, canView: true, canPost: true, canManage: false, standing: 'member' } as unknown as DocumentPageData['access'];

function comment(id: number, overrides: Partial<DocumentComment> = {}): DocumentComment {
  return {
    id,
    quote: 'the budget',
    body: 'Which year?',
    author: ada,
    createdAt: '2026-11-20T10:05:00.000Z',
    resolved: false,
    resolvedBy: null,
    resolvedAt: null,
    replies: [],
    ...overrides,
  };
}

function view(overrides: Partial<DocumentView> = {}): DocumentView {
  return {
    document: {
      id: 12,
      name: 'Minutes',
      description: null,
      folderId: null,
      createdAt: '2026-11-20T10:00:00.000Z',
      createdBy: ada,
      updatedAt: '2026-11-20T11:00:00.000Z',
      updatedBy: ada,
      html: '<p>The board agreed <span data-comment-id="1" class="app-document__comment">the budget</span>.</p>',
      words: 5,
    },
    breadcrumbs: [],
    comments: [comment(1), comment(2, { resolved: true, resolvedBy: ada, resolvedAt: '2026-11-21T09:00:00.000Z', body: 'Done </script><script>alert(1)</script>' })],
    can: { change: true, delete: true, edit: true, comment: true, restore: true },
    ...overrides,
  };
}

function page(document: DocumentView, errors: Record<string, string> = {}): DocumentPageData {
  return { kind: 'document', workspace, access, status: 200, errors, errorSummary: [], values: {}, trail: [], document };
}

describe('DocumentPage', () => {
  it('shows the content as HTML with the downloads, and keeps the live editor hidden until it has synced', async () => {
    const html = await container.renderToString(DocumentPage, { props: { page: page(view()) }, locals });
    expect(html).toContain('<article class="app-document" aria-labelledby="document-content-heading" data-document-html><p>The board agreed');
    expect(html).toContain('href="/workspaces/board/files/items/12/export.docx"');
    expect(html).toContain('Download as Word (DOCX)');
    expect(html).toContain('href="/workspaces/board/files/items/12/export.pdf"');
    expect(html).toContain('href="/workspaces/board/files/items/12/versions"');
    expect(html).toMatch(/<div class="app-toolbar" role="toolbar" aria-label="Formatting"[^>]* hidden>/);
    expect(html).toMatch(/data-editor-mount hidden/);
    expect(html).toContain('data-ticket-url="/workspaces/board/files/items/12/ticket"');
    expect(html).toContain('data-csrf="tok"');
  });

  it('lists the open comments with plain reply and resolve forms, and the resolved ones folded away', async () => {
    const html = await container.renderToString(DocumentPage, { props: { page: page(view(), { 'reply-1': 'Enter a reply' }) }, locals });
    expect(html).toContain('id="comment-1"');
    expect(html).toContain('name="commentAction" value="reply"');
    expect(html).toContain('name="commentAction" value="resolve"');
    expect(html).toContain('Enter a reply');
    expect(html).toMatch(/<details class="nhsuk-details app-comment-resolved">[\s\S]*Resolved comments \(1\)[\s\S]*name="commentAction" value="reopen"/);
    expect(html).toContain('Ada Lovelace</strong>, Chief Nurse, Leeds');
  });

  it('embeds the comments for the editor without letting their text close the script element', async () => {
    const html = await container.renderToString(DocumentPage, { props: { page: page(view()) }, locals });
    const embedded = /<script type="application\/json" id="document-comments-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(embedded).not.toContain('</script');
    expect(JSON.parse(embedded).comments[1].body).toBe('Done </script><script>alert(1)</script>');
  });

  it('offers a reader no forms, no comment button and no changes', async () => {
    const readOnly = view({ can: { change: false, delete: false, edit: false, comment: false, restore: false } });
    const html = await container.renderToString(DocumentPage, { props: { page: page(readOnly) }, locals });
    expect(html).not.toContain('name="commentAction"');
    expect(html).not.toContain('data-command="comment"');
    expect(html).not.toContain('data-dialog="comment"');
    expect(html).not.toContain('Rename or describe');
    expect(html).toContain('data-can-edit="false"');
  });
});

describe('DocumentVersionCompare', () => {
  it('says each change in words and marks it by more than colour, and offers the restore', async () => {
    const compared: Extract<VersionPage, { kind: 'version' }> = {
      kind: 'version',
      workspace,
      access,
      status: 200,
      errors: {},
      errorSummary: [],
      values: {},
      trail: [],
      document: view(),
      version: {
        version: { id: 3, name: null, automatic: true, createdAt: '2026-11-19T10:00:00.000Z', author: ada, words: 4, restoredFrom: null },
        html: '<p>Old words</p>',
        diff: [
          { change: 'same', before: 'Minutes', after: 'Minutes' },
          { change: 'changed', before: 'Old words', after: 'New words' },
          { change: 'added', before: null, after: 'Another line' },
          { change: 'removed', before: 'Gone line', after: null },
        ],
        can: { change: true, delete: true, edit: true, comment: true, restore: true },
      },
    };
    const html = await container.renderToString(DocumentVersionCompare, { props: { page: compared }, locals });
    expect(html).toContain('<th scope="col" class="nhsuk-table__header">This version</th>');
    expect(html).toContain('<th scope="col" class="nhsuk-table__header">Now</th>');
    expect(html).toContain('<del><span class="nhsuk-u-visually-hidden">Changed: </span>Old words</del>');
    expect(html).toContain('<ins><span class="nhsuk-u-visually-hidden">Changed: </span>New words</ins>');
    expect(html).toContain('<ins><span class="nhsuk-u-visually-hidden">Added: </span>Another line</ins>');
    expect(html).toContain('<del><span class="nhsuk-u-visually-hidden">Removed: </span>Gone line</del>');
    expect(html).toContain('3 parts of the document have changed since this version.');
    expect(html).toContain('Restore this version');
    expect(html).toContain('<p>Old words</p>');
  });
});
