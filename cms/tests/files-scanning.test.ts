import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EICAR } from '../src/plugins/files/server/src/inspection/hostile-files.ts';
import { jobs } from '../src/plugins/jobs/server/src/contract.ts';
import { workspaceWithMembers } from './helpers/forum.ts';
import { addVersion, auditEvents, download, EICAR_SIGNATURE, filesApi, startFakeClamd, textFile, uploadFile, VERSION_UID, type FakeClamd } from './helpers/files.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * Virus scanning (docs/files.md): with CLAMD_HOST and CLAMD_PORT set, every new version waits for
 * clamd (here a fake one speaking INSTREAM, which flags the EICAR test string) in a background
 * job, and is downloaded only once it is clean. Every wait is on the jobs plugin's idle(), or, for a
 * job's retry (due a few seconds later), on the version's own state.
 */
let cms: TestCms;
let clamd: FakeClamd;
let member: TestPerson;
let manager: TestPerson;
let slug: string;

const idle = () => jobs(cms.strapi).idle(20_000);
const scanOf = async (itemId: number, number: number) =>
  ((await cms.strapi.db.query(VERSION_UID).findOne({ select: ['scan', 'scanSignature'], where: { itemId, number } })) as { scan: string; scanSignature: string | null }).scan;
const itemView = async (id: number) => (await cms.http.get(filesApi(`/workspaces/${slug}/items/${id}`)).set(member.auth)).body.data;

/** A port nothing listens on: the scanner is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  clamd = await startFakeClamd(EICAR);
  cms = await startTestCms({ REVALIDATE_SECRET: '', CLAMD_HOST: '127.0.0.1', CLAMD_PORT: String(clamd.port), CLAMD_TIMEOUT_MS: '10000', RATE_LIMIT_UPLOADING: '100000' });
  member = await createPerson(cms.strapi, 'member');
  manager = await createPerson(cms.strapi, 'manager');
  ({ slug } = await workspaceWithMembers(cms, manager, 'files-scanning', 'restricted', [member]));
});

afterAll(async () => {
  await cms?.stop();
  await clamd?.stop();
});

describe('with a virus scanner configured', () => {
  it('a clean file is pending, not downloadable (409) until it is checked, then clean and served', async () => {
    const release = clamd.hold();
    let id = 0;
    try {
      id = await uploadFile(cms, member, slug, 'root', textFile('clean report.txt', 300, 'nothing to see'));
      const view = await itemView(id);
      expect(view.item.scan).toBe('pending');
      expect(view.versions[0].scan).toBe('pending');
      for (const options of [{}, { version: 1 }]) {
        const response = await download(cms, member.auth, slug, id, options);
        expect([response.status, response.body.error?.message]).toEqual([409, 'This file is still being checked for viruses. Try again in a minute']);
        expect(response.headers['content-disposition']).toBeUndefined();
      }
    } finally {
      release();
    }
    await idle();
    expect(await scanOf(id, 1)).toBe('clean');
    expect((await itemView(id)).item.scan).toBe('clean');
    const response = await download(cms, member.auth, slug, id);
    expect(response.status).toBe(200);
    expect(response.body.equals(textFile('x', 300, 'nothing to see').data as Buffer)).toBe(true);
  });

  it('the EICAR test file is infected: never downloaded (403), and audited', async () => {
    const before = clamd.scanned();
    const id = await uploadFile(cms, member, slug, 'root', { name: 'eicar.txt', data: EICAR });
    await idle();
    expect(clamd.scanned()).toBeGreaterThan(before);
    expect(await scanOf(id, 1)).toBe('infected');
    expect((await itemView(id)).item.scan).toBe('infected');
    for (const person of [member, manager]) {
      for (const options of [{}, { version: 1 }]) {
        const response = await download(cms, person.auth, slug, id, options);
        expect([response.status, response.body.error?.message]).toEqual([403, 'This file failed its virus check, so it cannot be downloaded. Ask a workspace manager to delete it']);
        expect(response.headers['content-disposition']).toBeUndefined();
      }
    }
    const events = (await auditEvents(cms.strapi, 'file.infected')).filter((event) => event.details.itemId === id);
    expect(events).toEqual([expect.objectContaining({ details: expect.objectContaining({ version: 1, signature: EICAR_SIGNATURE }) })]);
    // Managers can still put it in the bin and purge it.
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/items/${id}`)).set(manager.auth)).status).toBe(200);
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/bin/item/${id}`)).set(manager.auth)).status).toBe(200);
  });

  it('an infected new version is refused while the clean earlier one is still served, and restoring it brings back nothing infected', async () => {
    const id = await uploadFile(cms, member, slug, 'root', textFile('policy.txt', 200, 'a clean policy'));
    await idle();
    await addVersion(cms, member, slug, id, { name: 'policy.txt', data: `Policy\n${EICAR}\n` }, 'Infected by mistake');
    await idle();
    expect([await scanOf(id, 1), await scanOf(id, 2)]).toEqual(['clean', 'infected']);
    expect((await download(cms, member.auth, slug, id)).status).toBe(403);
    expect((await download(cms, member.auth, slug, id, { version: 1 })).status).toBe(200);
    // Restoring the clean version: a clean current version again.
    expect((await cms.http.post(filesApi(`/workspaces/${slug}/items/${id}/versions/1/restore`)).set(member.auth).send({})).status).toBe(200);
    await idle();
    expect(await scanOf(id, 3)).toBe('clean');
    expect((await download(cms, member.auth, slug, id)).status).toBe(200);
    // The infected one is never restored.
    const restore = await cms.http.post(filesApi(`/workspaces/${slug}/items/${id}/versions/2/restore`)).set(member.auth).send({});
    expect([restore.status, restore.body.error?.message]).toEqual([409, 'This version failed its virus check, so it cannot be restored']);
    expect((await itemView(id)).versions).toHaveLength(3);
    expect((await download(cms, member.auth, slug, id)).status).toBe(200);
  });

  it('restoring a version that could not be checked has it checked again', async () => {
    // Held from the start: a retry of the failed checks cannot finish before the restore.
    const release = clamd.hold();
    const port = process.env.CLAMD_PORT;
    let id = 0;
    try {
      process.env.CLAMD_PORT = String(await closedPort());
      id = await uploadFile(cms, member, slug, 'root', textFile('unchecked.txt', 90, 'first'));
      await idle();
      await addVersion(cms, member, slug, id, textFile('unchecked.txt', 95, 'second'));
      await idle();
      expect([await scanOf(id, 1), await scanOf(id, 2)]).toEqual(['failed', 'failed']);
      process.env.CLAMD_PORT = port;
      expect((await cms.http.post(filesApi(`/workspaces/${slug}/items/${id}/versions/1/restore`)).set(member.auth).send({})).status).toBe(200);
      expect(await scanOf(id, 3)).toBe('pending');
      expect((await download(cms, member.auth, slug, id)).status).toBe(409);
    } finally {
      process.env.CLAMD_PORT = port;
      release();
    }
    await idle();
    expect(await scanOf(id, 3)).toBe('clean');
    expect((await download(cms, member.auth, slug, id)).body.toString()).toContain('first');
  });

  it('versions left waiting when scanning is switched off are served as unchecked', async () => {
    const release = clamd.hold();
    const host = process.env.CLAMD_HOST;
    let id = 0;
    try {
      id = await uploadFile(cms, member, slug, 'root', textFile('waiting.txt', 70, 'waiting'));
      expect((await download(cms, member.auth, slug, id)).status).toBe(409);
      delete process.env.CLAMD_HOST;
      expect((await download(cms, member.auth, slug, id)).status).toBe(200);
    } finally {
      process.env.CLAMD_HOST = host;
      release();
    }
    await idle();
  });

  it('a scanner that cannot be reached leaves the file failed and not downloadable, and checks it when it is back', async () => {
    const port = process.env.CLAMD_PORT;
    process.env.CLAMD_PORT = String(await closedPort());
    let id = 0;
    try {
      id = await uploadFile(cms, member, slug, 'root', textFile('while down.txt', 120, 'clean bytes'));
      await idle();
      expect(await scanOf(id, 1)).toBe('failed');
      expect((await itemView(id)).item.scan).toBe('failed');
      const response = await download(cms, member.auth, slug, id);
      expect([response.status, response.body.error?.details?.scan]).toEqual([409, 'failed']);
      expect((await download(cms, member.auth, slug, id, { preview: true })).status).not.toBe(200);
    } finally {
      process.env.CLAMD_PORT = port;
    }
    // The job retries (after a few seconds' backoff) and finds it clean.
    const deadline = Date.now() + 30_000;
    while ((await scanOf(id, 1)) !== 'clean' && Date.now() < deadline) await idle().then(() => new Promise((resolve) => setTimeout(resolve, 250)));
    expect(await scanOf(id, 1)).toBe('clean');
    expect((await download(cms, member.auth, slug, id)).status).toBe(200);
  });
});
