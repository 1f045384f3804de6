import { randomUUID } from 'node:crypto';
import type { Core } from '@strapi/strapi';

/**
 * The demo's forum: realistic discussions in workspaces of each visibility, a reported comment
 * waiting in a moderation queue, comments on a workspace page and a case study, and one long
 * thread (LONG_THREAD_COMMENTS comments and replies) for paging and the benchmark. Small threads
 * go through the forum's services, so counts and the audit log tell the story; the long thread
 * is bulk-inserted (a thousand transactions would slow every fresh start) and its counters are
 * then computed by SQL, exactly as the services would have left them.
 */
export const LONG_THREAD_TITLE = 'Online consultation tools: what is working for your practice?';
export const LONG_THREAD_WORKSPACE = 'digital-primary-care';
export const LONG_THREAD_TOP_LEVEL = 720;
export const LONG_THREAD_REPLIES = 360;
export const LONG_THREAD_COMMENTS = LONG_THREAD_TOP_LEVEL + LONG_THREAD_REPLIES;

type Log = (message: string) => void;

interface DemoComment {
  by: string;
  body: string;
  replies?: { by: string; body: string }[];
  likedBy?: string[];
}

interface DemoDiscussion {
  workspace: string;
  by: string;
  title: string;
  body: string;
  pinned?: boolean;
  locked?: boolean;
  comments: DemoComment[];
}

export const demoDiscussions: DemoDiscussion[] = [
  {
    workspace: 'digital-primary-care',
    by: 'manager@demo.nhs.net',
    title: 'Cloud telephony procurement: lessons learned',
    body: 'We have now moved **all 42 practices** in our area to cloud-based telephony. Here is what we would do differently:\n\n- agree call-back rules with practices before go-live\n- ask suppliers for queue and abandonment data from day one\n- plan training for reception teams in small groups\n\nWhat did your procurement teach you?',
    pinned: true,
    comments: [
      {
        by: 'aisha.khan@demo.nhs.net',
        body: 'The call-back option made the biggest difference for us: our 8am peak dropped by a third within a month.',
        likedBy: ['member@demo.nhs.net', 'manager@demo.nhs.net', 'liam.oconnor@demo.nhs.net'],
        replies: [
          { by: 'member@demo.nhs.net', body: 'Same here. Did you limit call-backs to certain times of day?' },
          { by: 'aisha.khan@demo.nhs.net', body: 'Yes, between 8am and 11am only, so the afternoon team is not swamped.' },
        ],
      },
      {
        by: 'liam.oconnor@demo.nhs.net',
        body: 'Check the framework lot carefully: some suppliers price the queue messages separately. The [NHS England buyer’s guide](https://www.england.nhs.uk/gp/gpfv/redesign/improving-access/) helped us compare like for like.',
        likedBy: ['megan.hughes@demo.nhs.net'],
      },
      { by: 'megan.hughes@demo.nhs.net', body: 'Our reception team asked for a “message on hold” that tells patients about the NHS App. Worth doing early.' },
    ],
  },
  {
    workspace: 'digital-primary-care',
    by: 'member@demo.nhs.net',
    title: 'Sharing the new appointment data dashboards',
    body: 'Has anyone started using the new appointment data dashboards with their PCN? I would like to see how others present them at practice meetings.',
    comments: [
      { by: 'manager@demo.nhs.net', body: 'We show three charts only: demand by hour, mode of appointment and time to appointment. More than that and people switch off.' },
      {
        by: 'liam.oconnor@demo.nhs.net',
        body: 'This is useless, you are all wasting your time with dashboards.',
      },
    ],
  },
  {
    workspace: 'virtual-wards-network',
    by: 'ben.taylor@demo.nhs.net',
    title: 'Remote monitoring kit: who supplies yours?',
    body: 'We are re-tendering our remote monitoring devices next spring. Which suppliers are you using, and how do you handle returns and cleaning between patients?',
    comments: [
      { by: 'olivia.bennett@demo.nhs.net', body: 'We use a courier for returns and a central decontamination service. Losses are around 4% a quarter.' },
      { by: 'member@demo.nhs.net', body: 'Following with interest: our practice refers into the frailty ward.' },
    ],
  },
  {
    workspace: 'chief-nurses-forum',
    by: 'david.okoro@demo.nhs.net',
    title: 'Safe staffing tool refresh: feedback on the draft',
    body: 'The draft guidance on the refreshed safe staffing tool is attached to the Safe staffing page. Please share comments before the end of the month. This stays within the forum.',
    comments: [{ by: 'megan.hughes@demo.nhs.net', body: 'The community nursing section needs clearer acuity definitions; happy to help draft them.' }],
  },
  {
    workspace: 'icb-finance-leads',
    by: 'samir.haddad@demo.nhs.net',
    title: 'Month 6 position: confidential discussion',
    body: 'Ahead of the regional meeting, please share where you expect to land against plan. Figures here stay within this workspace.',
    locked: false,
    comments: [{ by: 'manager@demo.nhs.net', body: 'We expect to be on plan, with the elective recovery income as the main risk.' }],
  },
];

/** A comment the demo's member reported: the manager sees it in the moderation queue. */
const REPORTED = { title: 'Sharing the new appointment data dashboards', by: 'member@demo.nhs.net', reason: 'Dismissive of colleagues’ work rather than constructive.' };

const PAGE_COMMENTS = {
  workspace: 'digital-primary-care',
  page: 'online-consultations',
  comments: [
    { by: 'megan.hughes@demo.nhs.net', body: 'The section on triage together matched our experience exactly. Thank you for writing it up.' },
    { by: 'member@demo.nhs.net', body: 'Could we add a short list of questions to ask suppliers?' },
  ],
};

const CASE_STUDY_COMMENTS = {
  caseStudy: 'total-triage-in-a-rural-practice',
  comments: [
    { by: 'aisha.khan@demo.nhs.net', body: 'We tried total triage in a similar practice and saw the same drop in repeat calls.' },
    { by: 'olivia.bennett@demo.nhs.net', body: 'How did the practice support patients who do not use online forms?' },
  ],
};

const OPENINGS = [
  'We went live with our online consultation tool in March.',
  'Our practice has used online consultations for two years now.',
  'We are a small rural practice with a high proportion of older patients.',
  'Our PCN moved to a shared triage hub last autumn.',
  'We switched supplier this year after a difficult first contract.',
  'As a practice manager I look at the request data every Monday.',
];
const OBSERVATIONS = [
  'Clinician-led triage of every request cut same-day demand noticeably.',
  'Patients like being able to send photos, but we had to agree rules on what we accept.',
  'Switching the form off overnight stopped a backlog building at the weekend.',
  'Admin requests now go straight to the reception team, which frees up clinicians.',
  'Receptionists help patients complete the form over the phone, so nobody is excluded.',
  'We publish response times on our website and complaints have fallen.',
  'Demand rose at first, then settled after about eight weeks.',
  'We still keep some appointments bookable by phone for patients who prefer it.',
];
const QUESTIONS = [
  'Has anyone measured the effect on continuity of care?',
  'How do you handle requests that arrive just before closing?',
  'Did you need extra clinical capacity during the first months?',
  'What did you tell patients when you changed the process?',
  '',
  '',
];
const REPLIES = [
  'Thanks, that is really helpful.',
  'We saw the same pattern in our practice.',
  'Could you share your triage rota template?',
  'Interesting: we found the opposite, mostly because of our staffing mix.',
  'Agree with this. The first few weeks are the hardest.',
  'We tried that too and had to roll it back after a month.',
];
const LONG_THREAD_VOICES = ['aisha.khan@demo.nhs.net', 'member@demo.nhs.net', 'liam.oconnor@demo.nhs.net', 'megan.hughes@demo.nhs.net', 'manager@demo.nhs.net'];

/** Deterministic variety, so every fresh demo has the same long thread. */
function longThreadText(index: number): string {
  const question = QUESTIONS[(index * 7) % QUESTIONS.length];
  return [OPENINGS[index % OPENINGS.length], OBSERVATIONS[(index * 3) % OBSERVATIONS.length], question].filter(Boolean).join(' ');
}

export async function ensureDemoForum(strapi: Core.Strapi, log: Log): Promise<void> {
  const forum = strapi.plugin('forum');
  const access = strapi.plugin('membership').service('access');
  const userIds = new Map<string, number>();
  const users = (await strapi.db.query('plugin::users-permissions.user').findMany({ select: ['id', 'email'] })) as { id: number; email: string }[];
  for (const user of users) userIds.set(user.email, user.id);
  const id = (email: string) => {
    const found = userIds.get(email);
    if (!found) throw new Error(`demo forum: no demo person ${email}`);
    return found;
  };
  const discussionsService = forum.service('discussions');
  const comments = forum.service('comments');
  const threads = forum.service('threads');

  for (const demo of demoDiscussions) {
    const workspace = await access.findWorkspace(demo.workspace);
    if (!workspace) continue;
    const existing = await strapi.db.query('plugin::forum.discussion').findOne({ where: { workspaceId: workspace.id, title: demo.title } });
    if (existing) continue;
    const { id: discussionId } = await discussionsService.create(workspace, id(demo.by), { title: demo.title, body: demo.body });
    if (demo.pinned || demo.locked) await discussionsService.settle(workspace, id(demo.by), discussionId, { pinned: demo.pinned, locked: demo.locked });
    // Its comments are written as they were before any lock: a locked discussion takes nothing new.
    const thread = { ...(await threads.resolve({ kind: 'discussion', workspace, discussionId })), locked: false };
    for (const comment of demo.comments) {
      const { id: commentId } = await comments.post(thread, id(comment.by), { body: comment.body });
      for (const reply of comment.replies ?? []) await comments.post(thread, id(reply.by), { body: reply.body, parentId: commentId });
      for (const liker of comment.likedBy ?? []) await comments.like(thread, id(liker), commentId, true);
      if (demo.title === REPORTED.title && comment.body.startsWith('This is useless')) {
        await comments.report(thread, id(REPORTED.by), commentId, REPORTED.reason);
      }
    }
    log(`discussion "${demo.title}"`);
  }

  const pageWorkspace = await access.findWorkspace(PAGE_COMMENTS.workspace);
  if (pageWorkspace) {
    const page = await threads.publishedPage(pageWorkspace.id, PAGE_COMMENTS.page);
    if (page && !page.commentsEnabled) {
      await forum.service('moderation').setPageComments(pageWorkspace, id('manager@demo.nhs.net'), PAGE_COMMENTS.page, true);
      const thread = await threads.resolve({ kind: 'page', workspace: pageWorkspace, pageSlug: PAGE_COMMENTS.page });
      for (const comment of PAGE_COMMENTS.comments) await comments.post(thread, id(comment.by), { body: comment.body });
      log(`comments on ${PAGE_COMMENTS.workspace}/${PAGE_COMMENTS.page}`);
    }
  }

  const study = await threads.resolve({ kind: 'case-study', caseStudySlug: CASE_STUDY_COMMENTS.caseStudy }).catch(() => null);
  if (study && (await strapi.db.query('plugin::forum.comment').count({ where: { subjectType: 'case-study', subjectRef: study.subjectRef } })) === 0) {
    for (const comment of CASE_STUDY_COMMENTS.comments) await comments.post(study, id(comment.by), { body: comment.body });
    log(`comments on case study ${CASE_STUDY_COMMENTS.caseStudy}`);
  }

  await ensureLongThread(strapi, id, log);
}

async function ensureLongThread(strapi: Core.Strapi, id: (email: string) => number, log: Log) {
  const workspace = await strapi.plugin('membership').service('access').findWorkspace(LONG_THREAD_WORKSPACE);
  if (!workspace) return;
  if (await strapi.db.query('plugin::forum.discussion').findOne({ where: { workspaceId: workspace.id, title: LONG_THREAD_TITLE } })) return;
  const { id: discussionId } = await strapi
    .plugin('forum')
    .service('discussions')
    .create(workspace, id('aisha.khan@demo.nhs.net'), {
      title: LONG_THREAD_TITLE,
      body: 'Practices across the country have adopted online consultation tools at different speeds. **What has worked for you, and what would you change?** Please share numbers where you have them.',
    });

  const knex = strapi.db.connection;
  const meta = (uid: string) => strapi.db.metadata.get(uid as never) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const commentMeta = meta('plugin::forum.comment');
  const c = (attribute: string) => commentMeta.attributes[attribute]?.columnName ?? attribute;
  const start = Date.now() - 60 * 24 * 60 * 60 * 1000;
  const step = (60 * 24 * 60 * 60 * 1000) / (LONG_THREAD_COMMENTS + 1);
  const row = (index: number, author: string, body: string, parentId: number | null) => {
    const at = new Date(start + index * step);
    return {
      [c('documentId')]: randomUUID().replace(/-/g, '').slice(0, 24),
      [c('subjectType')]: 'discussion',
      [c('subjectRef')]: String(discussionId),
      [c('workspaceId')]: workspace.id,
      [c('parentId')]: parentId,
      [c('authorId')]: id(author),
      [c('body')]: body,
      [c('hidden')]: false,
      [c('likeCount')]: 0,
      [c('replyCount')]: 0,
      [c('openReportCount')]: 0,
      [c('createdAt')]: at,
      [c('updatedAt')]: at,
      ...(commentMeta.attributes.publishedAt ? { [c('publishedAt')]: at } : {}),
    };
  };
  const insert = async (rows: Record<string, unknown>[]) => {
    for (let offset = 0; offset < rows.length; offset += 100) await knex(commentMeta.tableName).insert(rows.slice(offset, offset + 100));
  };
  const topLevel = Array.from({ length: LONG_THREAD_TOP_LEVEL }, (_, index) =>
    row(index, LONG_THREAD_VOICES[index % LONG_THREAD_VOICES.length], `${longThreadText(index)} (comment ${index + 1})`, null),
  );
  await insert(topLevel);
  const parents = (await knex(commentMeta.tableName)
    .where(c('subjectType'), 'discussion')
    .where(c('subjectRef'), String(discussionId))
    .whereNull(c('parentId'))
    .orderBy(c('id'))
    .pluck(c('id'))) as number[];
  // Replies cluster on some comments, as they do: every third comment gets one or more.
  const replies = Array.from({ length: LONG_THREAD_REPLIES }, (_, index) => {
    const parent = parents[((index % 240) * 3) % parents.length];
    return row(LONG_THREAD_TOP_LEVEL + index, LONG_THREAD_VOICES[(index + 2) % LONG_THREAD_VOICES.length], REPLIES[index % REPLIES.length], parent);
  });
  await insert(replies);

  // Likes: a few members like some comments (never their own), so "most liked" has an order.
  const likeMeta = meta('plugin::forum.like');
  const l = (attribute: string) => likeMeta.attributes[attribute]?.columnName ?? attribute;
  const all = (await knex(commentMeta.tableName)
    .select(c('id'), c('authorId'))
    .where(c('subjectType'), 'discussion')
    .where(c('subjectRef'), String(discussionId))
    .orderBy(c('id'))) as Record<string, number>[];
  const likes: Record<string, unknown>[] = [];
  all.forEach((comment, index) => {
    LONG_THREAD_VOICES.slice(0, index % 4).forEach((voice) => {
      if (id(voice) === comment[c('authorId')]) return;
      const now = new Date();
      likes.push({ [l('documentId')]: randomUUID().replace(/-/g, '').slice(0, 24), [l('commentId')]: comment[c('id')], [l('userId')]: id(voice), [l('createdAt')]: now, [l('updatedAt')]: now });
    });
  });
  for (let offset = 0; offset < likes.length; offset += 100) await knex(likeMeta.tableName).insert(likes.slice(offset, offset + 100));

  // The counters the services keep, computed once for the bulk.
  const comments = commentMeta.tableName;
  await knex.raw(
    `UPDATE ?? SET ?? = (SELECT count(*) FROM ?? AS reply WHERE reply.?? = ??.??), ?? = (SELECT count(*) FROM ?? AS liked WHERE liked.?? = ??.??) WHERE ?? = 'discussion' AND ?? = ?`,
    [comments, c('replyCount'), comments, c('parentId'), comments, c('id'), c('likeCount'), likeMeta.tableName, l('commentId'), comments, c('id'), c('subjectType'), c('subjectRef'), String(discussionId)],
  );
  const discussionMeta = meta('plugin::forum.discussion');
  const d = (attribute: string) => discussionMeta.attributes[attribute]?.columnName ?? attribute;
  const lastId = Math.max(...all.map((comment) => comment[c('id')]));
  await knex(discussionMeta.tableName)
    .where(d('id'), discussionId)
    .update({ [d('commentCount')]: all.length, [d('lastCommentId')]: lastId, [d('lastActivityAt')]: new Date(start + LONG_THREAD_COMMENTS * step), [d('createdAt')]: new Date(start - step) });
  log(`discussion "${LONG_THREAD_TITLE}" with ${all.length} comments and replies`);
}
