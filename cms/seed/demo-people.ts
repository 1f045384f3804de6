import type { Core } from '@strapi/strapi';

/**
 * The demo's people and who stands where. Three accounts have fixed addresses, for trying the
 * platform in each role (README): the manager manages a workspace of each visibility, the member
 * belongs to some and waits for one, the outsider belongs to none.
 */
export const DEFAULT_DEMO_PASSWORD = 'Demo-password-2026';

interface DemoPerson {
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  organisation: string;
  bio?: string;
}

type Standing = 'manager' | 'member' | 'pending';

export const demoPeople: DemoPerson[] = [
  {
    email: 'manager@demo.nhs.net',
    firstName: 'Priya',
    lastName: 'Shah',
    jobTitle: 'Head of Digital Transformation',
    organisation: 'NHS England',
    bio: 'I lead the digital primary care programme and convene the crisis care collaborative.',
  },
  { email: 'member@demo.nhs.net', firstName: 'Tom', lastName: 'Evans', jobTitle: 'Practice Manager', organisation: 'Riverside Medical Practice' },
  { email: 'outsider@demo.nhs.net', firstName: 'Grace', lastName: 'Adeyemi', jobTitle: 'Physiotherapist', organisation: 'Sheffield Teaching Hospitals NHS Foundation Trust' },
  { email: 'olivia.bennett@demo.nhs.net', firstName: 'Olivia', lastName: 'Bennett', jobTitle: 'Consultant Geriatrician', organisation: 'University Hospitals of Leicester NHS Trust' },
  { email: 'david.okoro@demo.nhs.net', firstName: 'David', lastName: 'Okoro', jobTitle: 'Director of Nursing', organisation: 'Royal Cornwall Hospitals NHS Trust' },
  { email: 'hannah.wright@demo.nhs.net', firstName: 'Hannah', lastName: 'Wright', jobTitle: 'Mental Health Crisis Team Lead', organisation: 'Pennine Care NHS Foundation Trust' },
  { email: 'samir.haddad@demo.nhs.net', firstName: 'Samir', lastName: 'Haddad', jobTitle: 'Chief Finance Officer', organisation: 'NHS Cheshire and Merseyside ICB' },
  { email: 'aisha.khan@demo.nhs.net', firstName: 'Aisha', lastName: 'Khan', jobTitle: 'GP Partner', organisation: 'Bridge Street Surgery' },
  { email: 'james.murphy@demo.nhs.net', firstName: 'James', lastName: 'Murphy', jobTitle: 'Elective Care Programme Manager', organisation: 'NHS Greater Manchester ICB' },
  { email: 'chloe.martin@demo.nhs.net', firstName: 'Chloe', lastName: 'Martin', jobTitle: 'Patient Safety Specialist', organisation: 'Norfolk and Norwich University Hospitals NHS Foundation Trust' },
  { email: 'ben.taylor@demo.nhs.net', firstName: 'Ben', lastName: 'Taylor', jobTitle: 'Virtual Ward Clinical Lead', organisation: 'Sussex Community NHS Foundation Trust' },
  { email: 'fatima.ali@demo.nhs.net', firstName: 'Fatima', lastName: 'Ali', jobTitle: 'Health and Wellbeing Guardian', organisation: 'Barts Health NHS Trust' },
  { email: 'liam.oconnor@demo.nhs.net', firstName: 'Liam', lastName: "O'Connor", jobTitle: 'Digital Lead', organisation: 'NHS Kent and Medway ICB' },
  { email: 'megan.hughes@demo.nhs.net', firstName: 'Megan', lastName: 'Hughes', jobTitle: 'Advanced Nurse Practitioner', organisation: 'Cwm Taf Community Services' },
];

/** workspace slug → person email → standing (every workspace has at least one manager). */
export const demoStandings: Record<string, Record<string, Standing>> = {
  'digital-primary-care': {
    'manager@demo.nhs.net': 'manager',
    'aisha.khan@demo.nhs.net': 'manager',
    'member@demo.nhs.net': 'member',
    'liam.oconnor@demo.nhs.net': 'member',
    'megan.hughes@demo.nhs.net': 'member',
  },
  'virtual-wards-network': {
    'ben.taylor@demo.nhs.net': 'manager',
    'olivia.bennett@demo.nhs.net': 'member',
    'member@demo.nhs.net': 'member',
  },
  'mental-health-crisis-care': {
    'manager@demo.nhs.net': 'manager',
    'hannah.wright@demo.nhs.net': 'manager',
    'megan.hughes@demo.nhs.net': 'member',
    'liam.oconnor@demo.nhs.net': 'pending',
    'fatima.ali@demo.nhs.net': 'pending',
  },
  'elective-recovery': {
    'james.murphy@demo.nhs.net': 'manager',
    'member@demo.nhs.net': 'member',
    'olivia.bennett@demo.nhs.net': 'member',
  },
  'chief-nurses-forum': {
    'david.okoro@demo.nhs.net': 'manager',
    'megan.hughes@demo.nhs.net': 'member',
    'member@demo.nhs.net': 'pending',
  },
  'icb-finance-leads': {
    'manager@demo.nhs.net': 'manager',
    'samir.haddad@demo.nhs.net': 'manager',
  },
  'patient-safety-specialists': {
    'chloe.martin@demo.nhs.net': 'manager',
    'olivia.bennett@demo.nhs.net': 'member',
  },
  'workforce-wellbeing-leads': {
    'fatima.ali@demo.nhs.net': 'manager',
  },
};

/** Invitations waiting for an answer: to someone without an account, and to an existing member. */
export const demoInvitations: { workspace: string; email: string; invitedBy: string }[] = [
  { workspace: 'icb-finance-leads', email: 'new.finance.lead@demo.nhs.net', invitedBy: 'manager@demo.nhs.net' },
  { workspace: 'workforce-wellbeing-leads', email: 'megan.hughes@demo.nhs.net', invitedBy: 'fatima.ali@demo.nhs.net' },
];

const REQUEST_MESSAGES: Record<string, string> = {
  'liam.oconnor@demo.nhs.net': 'We are redesigning our crisis line in Kent and would value learning from the collaborative.',
  'fatima.ali@demo.nhs.net': 'I support staff affected by patient crises and would like to follow this work.',
  'member@demo.nhs.net': 'I support our nursing team with rotas and would like to follow the safe staffing work.',
};

type Log = (message: string) => void;

/**
 * Creates the demo's accounts (confirmed, password DEMO_PASSWORD) and their memberships through
 * the membership plugin, so the audit log tells the story. Idempotent: existing people and
 * standings are left as they are.
 */
export async function ensureDemoPeople(strapi: Core.Strapi, log: Log): Promise<void> {
  const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const ids = new Map<string, number>();
  for (const person of demoPeople) {
    let user = await strapi.db.query('plugin::users-permissions.user').findOne({ select: ['id'], where: { email: person.email } });
    if (!user) {
      user = await strapi.plugin('users-permissions').service('user').add({
        ...person,
        username: person.email,
        password,
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: role.id,
      });
      log(`person ${person.email}`);
    }
    ids.set(person.email, user.id);
  }

  const membership = strapi.plugin('membership').service('membership');
  const access = strapi.plugin('membership').service('access');
  const memberships = strapi.db.query('plugin::membership.membership');
  const audit = strapi.plugin('accounts').service('audit');
  for (const [slug, standings] of Object.entries(demoStandings)) {
    const workspace = await access.findWorkspace(slug);
    if (!workspace) continue;
    // Managers first: the seed made the workspace, so its first manager is recorded as creating it.
    const ordered = Object.entries(standings).sort(([, a], [, b]) => (a === 'manager' ? 0 : 1) - (b === 'manager' ? 0 : 1));
    for (const [email, standing] of ordered) {
      const userId = ids.get(email)!;
      if ((await access.standingOf(userId, workspace.id)) !== 'none') continue;
      const firstManager = ordered[0][0];
      if (standing === 'manager') {
        await memberships.create({ data: { workspace: workspace.id, user: userId, role: 'manager', state: 'active' } });
        await audit.record(
          email === firstManager
            ? { action: 'workspace.created', actorId: userId, workspaceId: workspace.id, details: { title: workspace.title, slug, visibility: workspace.visibility } }
            : { action: 'member.promoted', actorId: ids.get(firstManager)!, workspaceId: workspace.id, targetUserId: userId },
        );
      } else if (standing === 'member' && workspace.visibility === 'open') {
        await membership.join(userId, workspace);
      } else if (standing === 'member') {
        await membership.requestToJoin(userId, workspace);
        await membership.approve(ids.get(firstManager)!, workspace, userId);
      } else {
        await membership.requestToJoin(userId, workspace, REQUEST_MESSAGES[email]);
      }
    }
  }

  for (const invitation of demoInvitations) {
    const workspace = await access.findWorkspace(invitation.workspace);
    if (!workspace) continue;
    const pending = await strapi.db.query('plugin::membership.invitation').findOne({
      where: { email: invitation.email, workspace: { id: workspace.id }, state: 'pending' },
    });
    if (pending) continue;
    // The token is not kept: the demo invitations show on the manage page; a real one is mailed.
    await membership.invite(ids.get(invitation.invitedBy)!, workspace, invitation.email);
    log(`invitation to ${invitation.email} for ${invitation.workspace}`);
  }
}
