import type { Core } from '@strapi/strapi';
import type { DocumentJson } from '@futurenhs/contract/document-schema';
import { FILE_LIST_WORKSPACE } from './demo-files.ts';
import { demoStandings } from './demo-people.ts';

type Log = (message: string) => void;

export const DEMO_DOCUMENT = 'Response to the consultation on digital access (draft)';

const text = (value: string, marks?: DocumentJson['marks']): DocumentJson => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: DocumentJson[]): DocumentJson => ({ type: 'paragraph', content });
const heading = (level: 2 | 3, value: string): DocumentJson => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const bullets = (...items: string[]): DocumentJson => ({ type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(text(item))] })) });
const cell = (type: 'tableHeader' | 'tableCell', value: string): DocumentJson => ({ type, content: [paragraph(text(value))] });
const row = (type: 'tableHeader' | 'tableCell', ...values: string[]): DocumentJson => ({ type: 'tableRow', content: values.map((value) => cell(type, value)) });

/** The first draft, with a comment on one sentence; the second adds a section the team agreed. */
function draft(commentId: number, agreed: boolean): DocumentJson {
  return {
    type: 'doc',
    content: [
      heading(2, 'Summary'),
      paragraph(
        text('We welcome the proposals and support '),
        text('online access to records for every patient by default', [{ type: 'comment', attrs: { commentId: String(commentId) } }]),
        text(', with the safeguards set out below.'),
      ),
      heading(2, 'Our answers'),
      bullets('Question 1: agree, with a phased start in each practice.', 'Question 2: agree.', 'Question 3: partly agree; see the table.'),
      {
        type: 'table',
        content: [row('tableHeader', 'Safeguard', 'Who', 'When'), row('tableCell', 'Coercion screening', 'Practice teams', 'Before go-live'), row('tableCell', 'Redaction training', 'Clinicians', 'Quarter 1')],
      },
      paragraph(text('Read the '), text('consultation document', [{ type: 'link', attrs: { href: 'https://www.gov.uk/government/consultations' } }]), text(' before adding to this response.')),
      ...(agreed ? [heading(2, 'Agreed at the network meeting'), paragraph(text('The network will share one training plan across its practices.', [{ type: 'bold' }]))] : []),
    ],
  };
}

/**
 * A document written together in the demo workspace with a file list: two named versions by two
 * people and a comment thread with a reply, made through the documents plugin's services as the
 * site would. Left alone once it exists.
 */
export async function ensureDemoDocuments(strapi: Core.Strapi, log: Log): Promise<void> {
  const documents = strapi.plugin('documents');
  const access = strapi.plugin('membership').service('access');
  const workspace = await access.findWorkspace(FILE_LIST_WORKSPACE);
  if (!workspace) return;
  if ((await strapi.db.query('plugin::files.item').count({ where: { workspaceId: workspace.id, kind: 'document' } })) > 0) return;
  const standings = Object.entries(demoStandings[FILE_LIST_WORKSPACE] ?? {});
  const emails = [...standings.filter(([, standing]) => standing === 'manager'), ...standings.filter(([, standing]) => standing === 'member')].map(([email]) => email);
  const users = (await strapi.db.query('plugin::users-permissions.user').findMany({ select: ['id', 'email'], where: { email: { $in: emails } } })) as { id: number; email: string }[];
  const [first, second = first] = emails.map((email) => users.find((user) => user.email === email)!.id);
  if (!first) return;
  const actor = async (viewerId: number) => ({ workspace, access: await access.accessOf(viewerId, workspace), viewerId });

  const { id } = await documents.service('documents').create(await actor(first), { name: DEMO_DOCUMENT, folderId: null });
  const comment = await documents.service('comments').add(id, second, {
    quote: 'online access to records for every patient by default',
    body: 'Should we say "by default" here? Some practices asked for an opt-in start.',
  });
  await documents.service('comments').reply(id, comment.id, first, 'The consultation asks about the default, so I would keep it and mention the phased start.');
  await documents.service('store').replace(id, draft(comment.id, false), first);
  await documents.service('versions').name(id, first, 'First draft');
  await documents.service('store').replace(id, draft(comment.id, true), second);
  await documents.service('versions').name(id, second, 'After the network meeting');
  log(`a document written together in ${FILE_LIST_WORKSPACE}`);
}
