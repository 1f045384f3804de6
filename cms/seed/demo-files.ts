import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import { demoCsv, demoDocx, demoPathwayPng, demoPdf } from './demo-file-bytes.ts';
import { demoWorkspaces } from './demo-content.ts';
import { demoStandings } from './demo-people.ts';

/**
 * The demo's files: every demo workspace (hidden and restricted ones too) gets a small folder tree
 * three levels deep, with a PDF and a Word document that have real text (search finds it), a CSV
 * and a PNG, files with two or three versions uploaded by different members with their comments,
 * and one file in the recycle bin. It all goes through the files plugin's services as a member
 * would, so ownership, the audit log and the text-extraction jobs are as in real use.
 */
export const FILE_LIST_FOLDER = 'Guidance and templates';
/** The workspace whose home page shows FILE_LIST_FOLDER with the file-list block. */
export const FILE_LIST_WORKSPACE = 'digital-primary-care';
export const BINNED_FILE = 'Terms of reference (old draft).docx';

type Log = (message: string) => void;

interface Topic {
  /** The guide's title, the PDF's name without ".pdf". */
  guide: string;
  summary: string;
  /** Three or four steps of the pathway the PNG draws (short: they sit in boxes). */
  steps: string[];
  /** The services listed in the CSV directory. */
  services: [string, string, string][];
}

/** What each workspace's documents are about, so every tree reads like that community's own. */
const TOPICS: Record<string, Topic> = {
  'digital-primary-care': {
    guide: 'Online consultation triage guide',
    summary: 'How practices triage online consultation requests together: clinician-led review, response times and keeping a phone route for patients who need it.',
    steps: ['Request', 'Triage', 'Same day', 'Routine'],
    services: [
      ['Bridge Street Surgery', 'Online consultations', '8am to 6:30pm'],
      ['Riverside Medical Practice', 'Cloud telephony call-back', '8am to 11am'],
      ['Hub triage team', 'Shared triage for the PCN', '8am to 8pm'],
    ],
  },
  'virtual-wards-network': {
    guide: 'Frailty virtual ward operating model',
    summary: 'Referral criteria, daily board rounds and escalation routes for a frailty virtual ward, with the remote monitoring thresholds we use.',
    steps: ['Referral', 'Assessment', 'Monitoring', 'Discharge'],
    services: [
      ['Sussex frailty ward', 'Hospital at home', '24 hours'],
      ['Leicester respiratory ward', 'Remote monitoring', '8am to 10pm'],
      ['Community response team', 'Two-hour urgent response', '8am to 8pm'],
    ],
  },
  'mental-health-crisis-care': {
    guide: 'Crisis alternatives directory guidance',
    summary: 'How crisis cafes, safe havens and crisis houses take referrals, and how NHS 111 option 2 call handlers route people to them.',
    steps: ['Call', 'Assessment', 'Safe haven', 'Follow-up'],
    services: [
      ['Oldham safe haven', 'Crisis cafe', '6pm to midnight'],
      ['Pennine crisis house', 'Short stay', '24 hours'],
      ['NHS 111 option 2', 'Mental health line', '24 hours'],
    ],
  },
  'elective-recovery': {
    guide: 'Waiting list validation protocol',
    summary: 'Clinical and administrative validation of the waiting list: who is contacted, when, and how patients are kept informed.',
    steps: ['Extract', 'Contact', 'Clinical review', 'Update'],
    services: [
      ['Surgical hub north', 'Day case orthopaedics', 'Monday to Saturday'],
      ['Advice and guidance', 'Specialist advice to GPs', 'Weekdays'],
      ['Validation team', 'Patient contact', 'Weekdays'],
    ],
  },
  'chief-nurses-forum': {
    guide: 'Safe staffing review method',
    summary: 'Our method for the annual establishment review: acuity data, professional judgement and the board report.',
    steps: ['Acuity data', 'Judgement', 'Review', 'Board report'],
    services: [
      ['Royal Cornwall', 'Establishment review', 'Annual'],
      ['Community nursing', 'Caseload review', 'Twice a year'],
      ['Midwifery', 'Birthrate Plus review', 'Every three years'],
    ],
  },
  'icb-finance-leads': {
    guide: 'Planning round submission checklist',
    summary: 'What each ICB submits in the operational planning round, the deadlines, and the checks before sign-off.',
    steps: ['Draft plan', 'Board review', 'Submission', 'Feedback'],
    services: [
      ['Cheshire and Merseyside', 'Allocation modelling', 'Quarterly'],
      ['Regional team', 'Plan assurance', 'Monthly'],
      ['Finance leads group', 'Peer review', 'Monthly'],
    ],
  },
  'patient-safety-specialists': {
    guide: 'Choosing a learning response',
    summary: 'When to use an after-action review, a swarm huddle or a thematic review under the Patient Safety Incident Response Framework.',
    steps: ['Incident', 'Triage', 'Learning response', 'Actions'],
    services: [
      ['Norfolk and Norwich', 'Swarm huddles', 'Same day'],
      ['Leicester', 'After-action reviews', 'Within a week'],
      ['Regional network', 'Thematic reviews', 'Quarterly'],
    ],
  },
  'workforce-wellbeing-leads': {
    guide: 'Staff support after a difficult event',
    summary: 'Practical steps for supporting staff after a difficult clinical event: the first conversation, follow-up and where to refer.',
    steps: ['Event', 'Check-in', 'Support', 'Review'],
    services: [
      ['Barts Health', 'Wellbeing hub', 'Weekdays'],
      ['Occupational health', 'Self-referral', 'Weekdays'],
      ['Peer support network', 'Trained colleagues', 'On request'],
    ],
  },
};

/** A file of the demo: what it is, who uploads it, and what happens to it afterwards. */
interface DemoFile {
  name: string;
  bytes: () => Buffer | Promise<Buffer>;
  by: string;
  description?: string;
  /** Later versions, each by someone who may change the file, with a comment. */
  versions?: { by: string; comment: string; bytes: () => Buffer | Promise<Buffer> }[];
  /** Deleted to the recycle bin by this person afterwards. */
  binnedBy?: string;
}

interface DemoFolder {
  name: string;
  description?: string;
  by: string;
  folders?: DemoFolder[];
  files?: DemoFile[];
}

/** The workspace's active people: its first manager, a second manager if any, and a member if any. */
function peopleOf(slug: string) {
  const standings = Object.entries(demoStandings[slug] ?? {});
  const managers = standings.filter(([, standing]) => standing === 'manager').map(([email]) => email);
  const members = standings.filter(([, standing]) => standing === 'member').map(([email]) => email);
  const manager = managers[0]!;
  return { manager, deputy: managers[1] ?? manager, secretary: members[0] ?? managers[1] ?? manager };
}

/** The tree of one workspace: the top level holds its files and folders. */
export function demoFileTree(slug: string, title: string): DemoFolder {
  const topic = TOPICS[slug]!;
  const { manager, deputy, secretary } = peopleOf(slug);
  const minutes = (extra: string[]) => () =>
    demoDocx(`${title}: minutes of the November meeting`, [
      'Present: the workspace managers and eight members. Apologies from two members.',
      `Item 1. ${topic.summary}`,
      'Item 2. Members agreed to share their local data before the next meeting.',
      ...extra,
    ]);
  const guide = (edition: string, extra: string[] = []) => () =>
    demoPdf([
      { title: topic.guide, lines: [edition, '', ...wrap(topic.summary), '', ...extra] },
      { title: 'Steps', lines: topic.steps.map((step, index) => `${index + 1}. ${step}`) },
    ]);
  return {
    name: '',
    by: manager,
    files: [
      {
        name: 'Terms of reference.pdf',
        by: manager,
        description: 'What this workspace is for, who belongs to it and how decisions are made.',
        bytes: () =>
          demoPdf([
            {
              title: `${title}: terms of reference`,
              lines: [...wrap(`Purpose: ${topic.summary}`), '', 'Members share their experience, data and documents here, and agree actions at monthly meetings.'],
            },
          ]),
      },
      { name: BINNED_FILE, by: manager, binnedBy: manager, bytes: () => demoDocx('Terms of reference (draft)', ['An earlier draft, replaced by the agreed terms of reference.']) },
    ],
    folders: [
      {
        name: 'Meeting papers',
        description: 'Agendas, minutes and action logs of our monthly meetings.',
        by: manager,
        files: [{ name: 'Forward plan.csv', by: manager, bytes: () => demoCsv([['Month', 'Topic', 'Lead'], ['January', topic.steps[0]!, 'Managers'], ['February', topic.steps[1]!, 'Members'], ['March', topic.guide, 'Managers']]) }],
        folders: [
          {
            name: '2026',
            by: manager,
            folders: [
              {
                name: 'November',
                by: secretary,
                files: [
                  { name: 'Agenda.docx', by: secretary, bytes: () => demoDocx(`${title}: agenda`, ['1. Welcome and apologies', `2. ${topic.guide}`, '3. Local data', '4. Any other business']) },
                  {
                    name: 'Minutes.docx',
                    by: secretary,
                    bytes: minutes([]),
                    versions: [
                      { by: manager, comment: 'Corrected the list of apologies', bytes: minutes(['Correction: apologies were from three members.']) },
                      { by: secretary, comment: 'Added the actions agreed at the meeting', bytes: minutes(['Correction: apologies were from three members.', 'Actions: managers to circulate the updated guide by the end of the month.']) },
                    ],
                  },
                  { name: 'Action log.csv', by: secretary, bytes: () => demoCsv([['Action', 'Owner', 'Due', 'Status'], ['Circulate the updated guide', 'Managers', '2026-11-30', 'Open'], ['Share local data', 'All members', '2026-12-15', 'Open']]) },
                ],
              },
            ],
          },
        ],
      },
      {
        name: FILE_LIST_FOLDER,
        description: 'Guidance we have written together, and templates to adapt locally.',
        by: deputy,
        files: [
          {
            name: `${topic.guide}.pdf`,
            by: deputy,
            description: topic.summary,
            bytes: guide('First edition'),
            versions: [
              { by: manager, comment: 'Second edition: updated after the members’ feedback', bytes: guide('Second edition', ['Updated after feedback from members.']) },
              { by: deputy, comment: 'Third edition: the national figures for quarter 2', bytes: guide('Third edition', ['Updated after feedback from members.', 'Includes the national figures for quarter 2.']) },
            ],
          },
          { name: 'Pathway map.png', by: manager, description: `The pathway: ${topic.steps.join(', ')}.`, bytes: () => demoPathwayPng(topic.steps) },
          { name: 'Service directory.csv', by: secretary, bytes: () => demoCsv([['Service', 'What it offers', 'Hours'], ...topic.services]) },
        ],
        folders: [
          {
            name: 'Templates',
            by: deputy,
            files: [{ name: 'Referral template.docx', by: deputy, bytes: () => demoDocx('Referral template', ['Patient details:', 'Reason for referral:', 'Current medication:', 'Referrer and contact number:']) }],
          },
        ],
      },
    ],
  };
}

/** Lines short enough for a PDF page (Helvetica 11 on A4 fits about 90 characters). */
function wrap(text: string, width = 88): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Loads each demo workspace's files, once: a workspace that has any folder or file (in the bin
 * too) is left as it is, so a manager's changes survive a second run.
 */
export async function ensureDemoFiles(strapi: Core.Strapi, log: Log): Promise<void> {
  const files = strapi.plugin('files');
  const access = strapi.plugin('membership').service('access');
  const users = (await strapi.db.query('plugin::users-permissions.user').findMany({ select: ['id', 'email'] })) as { id: number; email: string }[];
  const userIds = new Map(users.map((user) => [user.email, user.id]));
  const dir = await mkdtemp(join(tmpdir(), 'futurenhs-demo-files-'));
  let written = 0;
  /** The bytes as the body parser would leave an upload: a temporary file. */
  const upload = async (name: string, bytes: Buffer) => {
    const filepath = join(dir, `${++written}`);
    await writeFile(filepath, bytes);
    return { filepath, size: bytes.length, originalFilename: name };
  };
  try {
    for (const { slug, title } of demoWorkspaces) {
      const workspace = await access.findWorkspace(slug);
      if (!workspace || !TOPICS[slug]) continue;
      const where = { workspaceId: workspace.id };
      if ((await strapi.db.query('plugin::files.folder').count({ where })) + (await strapi.db.query('plugin::files.item').count({ where })) > 0) continue;
      const actor = async (email: string) => {
        const viewerId = userIds.get(email);
        if (!viewerId) throw new Error(`demo files: no demo person ${email}`);
        return { workspace, access: await access.accessOf(viewerId, workspace), viewerId };
      };
      const fill = async (folder: DemoFolder, folderId: number | null) => {
        for (const file of folder.files ?? []) {
          const [item] = await files.service('items').upload(await actor(file.by), folderId ?? 'root', [await upload(file.name, await file.bytes())], file.description ?? null);
          for (const version of file.versions ?? []) {
            await files.service('items').addVersion(await actor(version.by), item.id, await upload(file.name, await version.bytes()), version.comment);
          }
          if (file.binnedBy) await files.service('items').remove(await actor(file.binnedBy), item.id);
        }
        for (const child of folder.folders ?? []) {
          const created = await files.service('folders').create(await actor(child.by), { name: child.name, description: child.description ?? null, parentId: folderId });
          await fill(child, created.id);
        }
      };
      await fill(demoFileTree(slug, title), null);
      log(`files of ${slug}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The id of a live top-level folder of a workspace, by name, or null. */
export async function demoFolderId(strapi: Core.Strapi, slug: string, name: string): Promise<number | null> {
  const workspace = await strapi.plugin('membership').service('access').findWorkspace(slug);
  if (!workspace) return null;
  const folder = (await strapi.db.query('plugin::files.folder').findOne({ select: ['id'], where: { workspaceId: workspace.id, parentId: null, name, deletedAt: null } })) as { id: number } | null;
  return folder?.id ?? null;
}
