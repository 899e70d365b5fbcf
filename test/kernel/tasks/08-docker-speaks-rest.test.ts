// Lesson 8's tasks for real: a GET of the learner's own with curl through the logging proxy, and a container created with curl.
import { expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeAsRoot } from '../../support/requireRoot.js';
import { useLiveLesson, type LiveLesson } from '../../support/liveLesson.js';
import { expectSolved, expectUnsolved, openTask, readTask } from '../../support/taskRun.js';

/** curl on a unix socket, as the hints say: the body, then the status on a line of its own. */
function curl(socket: string, args: string[]): { body: string; status: number } {
  const out = execFileSync('curl', ['-s', '-m', '10', '--unix-socket', socket, '-w', '\n%{http_code}', ...args], { encoding: 'utf8' });
  const cut = out.lastIndexOf('\n');
  return { body: out.slice(0, cut), status: Number(out.slice(cut + 1)) };
}

/** The proxy's log as the tests read it: "METHOD path status" per exchange, the last line of each seq. */
function logged(sessionDir: string): string[] {
  const bySeq = new Map<number, string>();
  for (const line of readFileSync(join(sessionDir, 'api-log.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const e = JSON.parse(line) as { seq: number; method: string; path: string; status: number };
    bySeq.set(e.seq, `${e.method} ${e.path} ${e.status}`);
  }
  return [...bySeq.values()];
}

async function sessionDir(live: LiveLesson): Promise<string> {
  return (await live.helper.pids()).sessionDir;
}

describeAsRoot('lesson 8 tasks (docker-rest)', () => {
  const live = useLiveLesson('docker-rest');

  it('ask-yourself: a GET past the proxy, another GET through it, and the steps up to docker create leave it open; curl through the proxy solves it', async () => {
    await openTask(live, 'ask-yourself');
    const dir = await sessionDir(live);
    const proxy = join(dir, 'api-proxy.sock');

    // straight to dockerd's socket: dockerd answers, the proxy never sees it
    expect(curl(join(dir, 'docker.sock'), ['http://localhost/v1.41/images/json']).status).toBe(200);
    let t = await expectUnsolved(live, 'ask-yourself');
    expect(t.checks[0].detail).toBe('the proxy has logged no request yet (no api-log.jsonl in the session directory)');

    // through the proxy, but another request: one image's details
    expect(curl(proxy, ['http://localhost/v1.41/images/container-lab/lab/json']).status).toBe(200);
    t = await expectUnsolved(live, 'ask-yourself');
    expect(t.checks[0].detail).toBe("no GET /images/json 200 after the start in the proxy's log (1 requests)");

    // the lesson's own requests (docker run, ps, create) are not this one
    await openTask(live, 'create-by-curl');
    expect(logged(dir).some((l) => l.startsWith('POST ') && l.includes('/containers/create')), 'the steps went through the proxy').toBe(true);
    t = await readTask(live, 'ask-yourself');
    expect(t.status, `the steps sent ${logged(dir).join(', ')}`).toBe('open');

    const answer = curl(proxy, ['http://localhost/v1.41/images/json']);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).some((i: { RepoTags: string[] | null }) => i.RepoTags?.includes('container-lab/lab:latest'))).toBe(true);
    expect(logged(dir)).toContain('GET /v1.41/images/json 200');
    t = await expectSolved(live, 'ask-yourself');
    expect(t.checks[0].detail).toBe('GET /v1.41/images/json 200');
  });

  it('create-by-curl: a container without the lab\'s label leaves it open; with the label it is solved', async () => {
    await openTask(live, 'create-by-curl');
    const dir = await sessionDir(live);
    const proxy = join(dir, 'api-proxy.sock');
    const json = ['-H', 'Content-Type: application/json'];
    const create = 'http://localhost/v1.41/containers/create?name=by-curl';

    // the label's value, read as the hint says
    const rest = JSON.parse(curl(proxy, ['http://localhost/containers/cl-rest/json']).body) as { Config: { Labels: Record<string, string> } };
    const id = rest.Config.Labels['container-lab'];
    expect(id).toMatch(/^[a-z0-9]+$/);

    let made = curl(proxy, [...json, '-d', JSON.stringify({ Image: 'container-lab/lab', HostConfig: { NetworkMode: 'none' } }), create]);
    expect(made.status, made.body).toBe(201);
    let t = await expectUnsolved(live, 'create-by-curl');
    expect(t.checks[0].detail).toMatch(new RegExp(`^by-curl \\([0-9a-f]+\\) has no container-lab label, not container-lab=${id}: the lab would not remove it$`));
    expect(curl(proxy, ['-X', 'DELETE', 'http://localhost/containers/by-curl']).status).toBe(204);

    made = curl(proxy, [...json, '-d', JSON.stringify({ Image: 'container-lab/lab', Labels: { 'container-lab': id }, HostConfig: { NetworkMode: 'none' } }), create]);
    expect(made.status, made.body).toBe(201);
    const newId = (JSON.parse(made.body) as { Id: string }).Id;
    // docker ps -a, as the learner checks it, on dockerd's own socket
    const ps = execFileSync('docker', ['-H', `unix://${join(dir, 'docker.sock')}`, 'ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.State}}'], { encoding: 'utf8' });
    expect(ps).toContain(`${newId} by-curl created`);
    t = await expectSolved(live, 'create-by-curl');
    expect(t.checks[0].detail).toMatch(new RegExp(`by-curl ${newId.slice(0, 12)} created, label container-lab=${id}$`));
  });
});
