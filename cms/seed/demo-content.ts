/**
 * The demo: realistic FutureNHS workspaces, pages and case studies. Page blocks beyond each
 * page's own introduction come from the block catalogue's fixtures, cycled so the demo as a
 * whole uses every block (seed-demo.ts checks that it does).
 */
export type Visibility = 'open' | 'restricted' | 'hidden';

export interface DemoPage {
  slug: string;
  title: string;
  intro: string;
  /** Draft-only pages show the preview flow: never visible on the site until published. */
  draftOnly?: boolean;
}

export interface DemoWorkspace {
  slug: string;
  title: string;
  summary: string;
  visibility: Visibility;
  pages: DemoPage[];
}

export const demoWorkspaces: DemoWorkspace[] = [
  {
    slug: 'digital-primary-care',
    title: 'Digital Primary Care Community',
    summary: 'For GP practices, primary care networks and ICB digital leads improving online access, digital telephony and the NHS App.',
    visibility: 'open',
    pages: [
      { slug: 'home', title: 'Welcome to the Digital Primary Care Community', intro: 'This community brings together **practice managers, clinicians and ICB digital leads** who are making it easier for patients to contact their practice.\n\nShare what works, ask questions, and find the latest national guidance on modern general practice access.' },
      { slug: 'online-consultations', title: 'Online consultations', intro: 'Online consultation tools let patients describe their needs at any time. Practices that triage requests together report shorter waits and fewer calls at 8am.' },
      { slug: 'cloud-telephony', title: 'Cloud-based telephony', intro: 'Cloud telephony gives callers a queue position and a call-back option, and gives practices the data to match staffing to demand.' },
      { slug: 'events', title: 'Events and webinars', intro: 'Monthly webinars share learning from practices that have moved to a modern access model. Recordings are kept for members.' },
    ],
  },
  {
    slug: 'virtual-wards-network',
    title: 'Virtual Wards Network',
    summary: 'Clinicians and managers running hospital at home and virtual wards share pathways, technology and outcomes.',
    visibility: 'open',
    pages: [
      { slug: 'home', title: 'Virtual Wards Network', intro: 'Virtual wards let patients get acute care at home, safely and conveniently. This network shares **pathways, staffing models and remote monitoring** experience from across England.' },
      { slug: 'frailty-pathways', title: 'Frailty pathways', intro: 'Frailty virtual wards support older people with acute needs at home, often avoiding an admission altogether.' },
      { slug: 'remote-monitoring', title: 'Remote monitoring', intro: 'Choosing and running technology-enabled monitoring: devices, alert thresholds and clinical responsibility.' },
      { slug: 'draft-evaluation-plan', title: 'Evaluation plan (draft)', intro: 'A draft of the network’s evaluation plan, for managers to review before it is published.', draftOnly: true },
    ],
  },
  {
    slug: 'mental-health-crisis-care',
    title: 'Mental Health Crisis Care Collaborative',
    summary: 'Crisis teams, 111 mental health option leads and partners improving urgent mental health care.',
    visibility: 'restricted',
    pages: [
      { slug: 'home', title: 'Mental Health Crisis Care Collaborative', intro: 'Members share **crisis pathway designs, staffing rotas and audit results**. Membership is approved by the collaborative’s managers.' },
      { slug: 'crisis-alternatives', title: 'Crisis alternatives', intro: 'Crisis cafés, safe havens and crisis houses offer alternatives to emergency departments for people in mental health crisis.' },
      { slug: 'nhs-111-option-2', title: 'NHS 111 mental health option', intro: 'Learning from areas that have launched the NHS 111 mental health option, including call handling and onward referral.' },
    ],
  },
  {
    slug: 'elective-recovery',
    title: 'Elective Recovery Programme',
    summary: 'Trust and system leads sharing approaches to reducing waiting lists, from validation to surgical hubs.',
    visibility: 'open',
    pages: [
      { slug: 'home', title: 'Elective Recovery Programme', intro: 'Resources and peer learning for teams reducing long waits: **validation, advice and guidance, surgical hubs and patient-initiated follow-up**.' },
      { slug: 'surgical-hubs', title: 'Surgical hubs', intro: 'Accredited surgical hubs protect planned operations from urgent pressures. Here teams share their accreditation experience.' },
      { slug: 'waiting-list-validation', title: 'Waiting list validation', intro: 'Clinical and administrative validation keeps waiting lists accurate and makes sure patients still need their appointment.' },
    ],
  },
  {
    slug: 'chief-nurses-forum',
    title: 'Chief Nursing Officers’ Forum',
    summary: 'A peer forum for chief nurses and directors of nursing across trusts and integrated care boards.',
    visibility: 'restricted',
    pages: [
      { slug: 'home', title: 'Chief Nursing Officers’ Forum', intro: 'A confidential space for directors of nursing to share **workforce plans, safe staffing reviews and professional standards** work.' },
      { slug: 'safe-staffing', title: 'Safe staffing', intro: 'Approaches to establishment reviews and the use of decision support tools for nursing and midwifery staffing.' },
    ],
  },
  {
    slug: 'icb-finance-leads',
    title: 'ICB Finance Leads',
    summary: 'Finance directors of integrated care boards working on allocations, planning and efficiency.',
    visibility: 'hidden',
    pages: [
      { slug: 'home', title: 'ICB Finance Leads', intro: 'This workspace is for invited finance leads only. It holds planning submissions and allocation modelling.' },
      { slug: 'planning-round', title: 'Planning round', intro: 'Timetable, templates and questions about the annual operational planning round.' },
    ],
  },
  {
    slug: 'patient-safety-specialists',
    title: 'Patient Safety Specialists',
    summary: 'Patient safety specialists sharing PSIRF implementation, learning responses and safety improvement.',
    visibility: 'open',
    pages: [
      { slug: 'home', title: 'Patient Safety Specialists', intro: 'Support for patient safety specialists implementing the **Patient Safety Incident Response Framework** and building a just culture.' },
      { slug: 'learning-responses', title: 'Learning responses', intro: 'After-action reviews, swarm huddles and thematic reviews: choosing the right learning response for an incident.' },
    ],
  },
  {
    slug: 'workforce-wellbeing-leads',
    title: 'Workforce Wellbeing Leads',
    summary: 'Health and wellbeing guardians and leads supporting staff across NHS organisations.',
    visibility: 'hidden',
    pages: [
      { slug: 'home', title: 'Workforce Wellbeing Leads', intro: 'A closed space for wellbeing guardians to share approaches to **staff support, psychological safety and retention**.' },
    ],
  },
];

export const demoTopics = [
  { slug: 'digital-transformation', name: 'Digital transformation' },
  { slug: 'urgent-and-emergency-care', name: 'Urgent and emergency care' },
  { slug: 'mental-health', name: 'Mental health' },
  { slug: 'workforce', name: 'Workforce' },
  { slug: 'population-health', name: 'Population health' },
  { slug: 'patient-safety', name: 'Patient safety' },
];

export type Region = 'east-of-england' | 'london' | 'midlands' | 'north-east-and-yorkshire' | 'north-west' | 'south-east' | 'south-west';

export interface DemoCaseStudy {
  slug: string;
  title: string;
  summary: string;
  organisation: string;
  region: Region;
  topics: string[];
  outcomes: { headline: string; detail: string }[];
  body: string;
  quote?: { text: string; name: string; role: string };
  /** Left in draft to show preview: never listed until an editor publishes it. */
  draftOnly?: boolean;
}

export const demoCaseStudies: DemoCaseStudy[] = [
  {
    slug: 'total-triage-in-a-rural-practice',
    title: 'Total triage in a rural practice cut the 8am rush',
    summary: 'A Norfolk practice moved every request, by phone or online, through one clinical triage list.',
    organisation: 'Wymondham Medical Partnership',
    region: 'east-of-england',
    topics: ['digital-transformation', 'workforce'],
    outcomes: [
      { headline: '60% fewer calls before 9am', detail: 'Patients use the online form at any time, so demand spreads across the day.' },
      { headline: 'Same-day response for urgent needs', detail: 'A duty clinician reviews urgent requests within the hour.' },
    ],
    body: '## The challenge\n\nPatients queued on the phone from 8am and many gave up. Reception staff were under pressure and clinicians saw patients in the order they got through, not by need.\n\n## What the practice did\n\n- Introduced an online consultation form open all day\n- Asked reception to complete the same form for phone callers\n- Created a daily triage rota of GPs and advanced nurse practitioners\n\n## What they learned\n\nTriage works when the whole team owns it. The practice reviews demand data every week and adjusts the rota.',
    quote: { text: 'Our patients no longer have to fight to get through at 8am. We see the people who need us most first.', name: 'Dr Priya Raman', role: 'GP partner, Wymondham Medical Partnership' },
  },
  {
    slug: 'mental-health-crisis-cafe',
    title: 'A crisis café offers an alternative to A&E',
    summary: 'An evening crisis café run with a local charity supports people in distress without a hospital visit.',
    organisation: 'Camden and Islington NHS Foundation Trust',
    region: 'london',
    topics: ['mental-health', 'urgent-and-emergency-care'],
    outcomes: [
      { headline: '1,200 visits in the first year', detail: 'Most visitors said they would otherwise have gone to A&E or called 999.' },
      { headline: '23% fewer mental health attendances at A&E', detail: 'Measured in the evening hours the café is open.' },
    ],
    body: '## Why a café\n\nPeople in crisis told us the emergency department was loud, long and frightening. They wanted somewhere calm, with people who understood.\n\n## How it works\n\nThe café opens from 6pm to midnight. Peer support workers and a mental health nurse welcome anyone who walks in, with no referral needed.\n\n## Next steps\n\nThe trust is working with the ICB to open a second café and link it to the NHS 111 mental health option.',
    quote: { text: 'Walking in felt like being treated as a person, not a problem.', name: 'Sam', role: 'Café visitor' },
  },
  {
    slug: 'virtual-ward-for-frailty',
    title: 'A frailty virtual ward keeps older people at home',
    summary: 'Community and acute teams created a virtual ward for older people with frailty, with a two-hour response.',
    organisation: 'University Hospitals of Derby and Burton NHS Foundation Trust',
    region: 'midlands',
    topics: ['urgent-and-emergency-care', 'population-health'],
    outcomes: [
      { headline: '45 patients a day cared for at home', detail: 'Equivalent to two acute wards.' },
      { headline: '90% of patients would recommend it', detail: 'From the ward’s friends and family test.' },
    ],
    body: '## The model\n\nA consultant geriatrician leads a daily virtual ward round. Community nurses, therapists and paramedics visit patients at home, and a two-hour urgent community response team is on call.\n\n## Technology\n\nPatients who need it have a tablet and pulse oximeter. Readings outside agreed limits alert the clinical hub.\n\n## Learning\n\nClear admission criteria and a single point of access mattered more than the technology.',
  },
  {
    slug: 'population-health-management-in-county-durham',
    title: 'Population health data finds people at risk earlier',
    summary: 'Primary care networks used linked data to find people with undiagnosed high blood pressure.',
    organisation: 'County Durham Care Partnership',
    region: 'north-east-and-yorkshire',
    topics: ['population-health', 'digital-transformation'],
    outcomes: [
      { headline: '3,400 people newly diagnosed', detail: 'With hypertension, over 18 months.' },
      { headline: 'Biggest gains in the most deprived areas', detail: 'Case finding was targeted where diagnosis rates were lowest.' },
    ],
    body: '## The approach\n\nThe partnership linked GP, hospital and community data in a secure environment. Analysts built a list of people likely to have high blood pressure but no diagnosis.\n\n## Outreach\n\nCommunity pharmacies offered blood pressure checks, and health and wellbeing coaches contacted people who had not been seen for a long time.\n\n## What helped\n\nWorking with community groups to explain why people were being contacted built trust.',
    quote: { text: 'The data told us where to look. Community partners told us how to reach people.', name: 'Helen Barker', role: 'Population health lead, County Durham Care Partnership' },
  },
  {
    slug: 'international-nurses-pastoral-support',
    title: 'Pastoral support helps international nurses stay',
    summary: 'A trust redesigned its welcome and pastoral support for internationally educated nurses.',
    organisation: 'Manchester University NHS Foundation Trust',
    region: 'north-west',
    topics: ['workforce'],
    outcomes: [
      { headline: 'Retention after one year rose to 94%', detail: 'Up from 81% before the programme.' },
      { headline: 'OSCE first-time pass rate of 92%', detail: 'Supported by a dedicated education team.' },
    ],
    body: '## The problem\n\nNurses recruited from overseas were leaving within their first year, often because of isolation and practical difficulties.\n\n## What changed\n\n- A named pastoral lead for every cohort\n- Help with housing, banking and schools before arrival\n- Peer buddies from earlier cohorts\n\n## Lessons\n\nSupport for families made as much difference as support at work.',
  },
  {
    slug: 'psirf-swarm-huddles',
    title: 'Swarm huddles bring learning within hours of an incident',
    summary: 'Ward teams hold a short huddle straight after a patient safety incident to learn while memories are fresh.',
    organisation: 'Royal Surrey NHS Foundation Trust',
    region: 'south-east',
    topics: ['patient-safety'],
    outcomes: [
      { headline: 'Learning shared within 24 hours', detail: 'Instead of weeks for a written investigation.' },
      { headline: 'Staff feel safer to speak up', detail: 'Staff survey scores on reporting improved in every pilot ward.' },
    ],
    body: '## What a swarm huddle is\n\nA swarm huddle is a short, structured conversation held as soon as possible after an incident, with everyone involved.\n\n## How the trust introduced them\n\nPatient safety specialists trained ward leaders as facilitators and provided a one-page guide.\n\n## Impact\n\nHuddles found system issues, such as equipment storage and handover timing, that written reports had missed.',
    quote: { text: 'We fix things the same week now, not months later.', name: 'Aisha Mensah', role: 'Ward manager, Royal Surrey NHS Foundation Trust' },
  },
  {
    slug: 'digital-care-records-in-care-homes',
    title: 'Digital care records connect care homes and GPs',
    summary: 'Care homes moved from paper to digital social care records shared with their GP practice.',
    organisation: 'Cornwall and Isles of Scilly ICB',
    region: 'south-west',
    topics: ['digital-transformation', 'population-health'],
    outcomes: [
      { headline: '85% of care homes using digital records', detail: 'Up from 30% two years earlier.' },
      { headline: 'Two hours a day saved per home', detail: 'On writing and finding care notes.' },
    ],
    body: '## Starting point\n\nMost care homes kept paper notes, and GPs had little information when they were called.\n\n## The programme\n\nThe ICB funded assured digital social care record systems and a team of digital champions to support homes.\n\n## Result\n\nGPs now see up-to-date observations and medicines records before a visit.',
  },
  {
    slug: 'urgent-community-response-two-hours',
    title: 'Two-hour urgent community response avoids ambulance waits',
    summary: 'Ambulance crews can refer people who have fallen to a community team that arrives within two hours.',
    organisation: 'Hertfordshire Community NHS Trust',
    region: 'east-of-england',
    topics: ['urgent-and-emergency-care'],
    outcomes: [
      { headline: '70% of referrals seen within two hours', detail: 'Above the national standard.' },
      { headline: '8 in 10 people stayed at home', detail: 'Without an emergency department visit.' },
    ],
    body: '## How referrals work\n\nCall handlers and crews can refer directly to the urgent community response team for people who have fallen but are not injured.\n\n## Equipment\n\nTeams carry lifting cushions, so they can help people up safely and assess why they fell.\n\n## What next\n\nThe trust is extending the service to care homes overnight.',
  },
  {
    slug: 'learning-disability-annual-health-checks',
    title: 'More people with a learning disability get an annual health check',
    summary: 'Practices worked with self-advocates to make annual health checks easier to attend.',
    organisation: 'Birmingham and Solihull ICB',
    region: 'midlands',
    topics: ['population-health'],
    outcomes: [
      { headline: '78% of eligible people checked', detail: 'Up from 54%.' },
      { headline: 'Easy read invitations for everyone', detail: 'Written with local self-advocacy groups.' },
    ],
    body: '## Listening first\n\nSelf-advocates told practices that letters were hard to read and appointments too short.\n\n## Changes\n\nPractices now send easy read invitations, offer longer appointments and a quiet time of day, and follow up by phone.\n\n## Outcome\n\nMore health problems are found early, including undiagnosed diabetes and hearing loss.',
  },
  {
    slug: 'staff-wellbeing-hubs',
    title: 'Wellbeing hubs support staff after the pandemic',
    summary: 'A system-wide wellbeing hub offers confidential psychological support to health and care staff.',
    organisation: 'Lancashire and South Cumbria Resilience Hub',
    region: 'north-west',
    topics: ['workforce', 'mental-health'],
    outcomes: [
      { headline: '5,000 staff supported', detail: 'Across health, social care and the voluntary sector.' },
      { headline: 'Most returned to work sooner', detail: 'Among staff who were off sick when they contacted the hub.' },
    ],
    body: '## Why a hub\n\nStaff needed quick, confidential help from people outside their own organisation.\n\n## The offer\n\nSelf-referral by phone or online, assessment within five working days, and psychological therapy or signposting.\n\n## Lessons\n\nManagers who were trained to have wellbeing conversations referred staff earlier.',
  },
  {
    slug: 'ai-assisted-chest-x-ray-reporting',
    title: 'AI helps prioritise chest X-rays for suspected cancer',
    summary: 'An imaging network used an AI tool to flag urgent chest X-rays for same-day reporting.',
    organisation: 'South London Imaging Network',
    region: 'london',
    topics: ['digital-transformation', 'patient-safety'],
    outcomes: [
      { headline: 'Suspected cancers reported the same day', detail: 'For 95% of flagged X-rays.' },
      { headline: 'Time to CT scan halved', detail: 'For people with a suspicious X-ray.' },
    ],
    body: '## Careful introduction\n\nThe network ran the AI tool alongside radiologists for six months before using it to prioritise work.\n\n## Safeguards\n\nEvery X-ray is still reported by a radiologist. The tool only changes the order.\n\n## Evaluation\n\nAn independent evaluation is looking at accuracy across different groups of patients.',
    draftOnly: true,
  },
  {
    slug: 'social-prescribing-link-workers',
    title: 'Social prescribing link workers reduce loneliness',
    summary: 'Link workers in primary care networks connect people with community groups, debt advice and exercise.',
    organisation: 'Gateshead Primary Care Networks',
    region: 'north-east-and-yorkshire',
    topics: ['population-health', 'mental-health'],
    outcomes: [
      { headline: '2,100 people referred in a year', detail: 'Most often for loneliness, money worries and low mood.' },
      { headline: 'Fewer GP appointments afterwards', detail: 'Frequent attenders saw their GP less in the six months after referral.' },
    ],
    body: '## Why link workers\n\nMany GP appointments are about problems medicine cannot fix: isolation, housing, debt.\n\n## How it works\n\nAny member of the practice team can refer. Link workers meet people for up to an hour and help them find local support.\n\n## Lessons\n\nThe service works best when link workers know their community well and have time to follow up.',
  },
  {
    slug: 'carers-passport',
    title: 'A carers passport recognises unpaid carers in hospital',
    summary: 'Unpaid carers get flexible visiting, parking and a voice in discharge planning.',
    organisation: 'Portsmouth Hospitals University NHS Trust',
    region: 'south-east',
    topics: ['patient-safety', 'population-health'],
    outcomes: [
      { headline: '2,300 carers registered', detail: 'In the first 18 months.' },
      { headline: 'Fewer delayed discharges', detail: 'Carers are involved in planning from the day of admission.' },
    ],
    body: '## What the passport does\n\nCarers who register can visit at any time, get free parking and are included in conversations about discharge.\n\n## How it started\n\nThe idea came from a carers’ group who felt left out of decisions about the people they look after.\n\n## What carers say\n\nCarers say they feel listened to and better prepared for discharge.',
    quote: { text: 'For the first time I was treated as part of Dad’s care team.', name: 'Margaret', role: 'Unpaid carer' },
  },
];
