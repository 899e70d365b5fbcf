// Docker API body summaries: real bodies captured between docker 20.10 and dockerd 20.10, trimmed to what a lesson shows.
import { describe, expect, it } from 'vitest';
import {
  endpointOf, humanSize, isStreamingEndpoint, shortPath, summarizeRequest, summarizeResponse,
} from '../../../src/chain/apiSummary.js';

const json = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
const ID = 'e3eb05eb7de809d51fe3409e08f129721a13826b6505951de072942696607444';

/** `docker run --rm --network none --label container-lab=proxytest container-lab/lab:latest`, as sent */
const REAL_CREATE = '{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"container-lab/lab:latest","Volumes":{},"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"container-lab":"proxytest"},"HostConfig":{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"","Config":{}},"NetworkMode":"none","PortBindings":{},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},"AutoRemove":true,"VolumeDriver":"","VolumesFrom":null,"CapAdd":null,"CapDrop":null,"CgroupnsMode":"","Dns":[],"DnsOptions":[],"DnsSearch":[],"ExtraHosts":null,"GroupAdd":null,"IpcMode":"","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"","Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":null,"UTSMode":"","UsernsMode":"","ShmSize":0,"ConsoleSize":[0,0],"Isolation":"","CpuShares":0,"Memory":0,"NanoCpus":0,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":null,"BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],"DeviceCgroupRules":null,"DeviceRequests":null,"KernelMemory":0,"KernelMemoryTCP":0,"MemoryReservation":0,"MemorySwap":0,"MemorySwappiness":-1,"OomKillDisable":false,"PidsLimit":0,"Ulimits":null,"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":null,"ReadonlyPaths":null},"NetworkingConfig":{"EndpointsConfig":{}}}';

describe('summarizeRequest', () => {
  it('keeps what a container create says about the container, dropping defaults', () => {
    expect(summarizeRequest('POST', '/v1.41/containers/create', 'application/json', json(REAL_CREATE)))
      .toBe('{"Image":"container-lab/lab:latest","Labels":{"container-lab":"proxytest"},"HostConfig":{"NetworkMode":"none","AutoRemove":true}}');
    const withCmd = JSON.parse(REAL_CREATE);
    withCmd.Cmd = ['/usr/bin/hello'];
    withCmd.HostConfig.AutoRemove = false;
    withCmd.HostConfig.Memory = 64 << 20;
    expect(summarizeRequest('POST', '/v1.41/containers/create?name=x', 'application/json', json(withCmd)))
      .toBe('{"Image":"container-lab/lab:latest","Cmd":["/usr/bin/hello"],"Labels":{"container-lab":"proxytest"},"HostConfig":{"NetworkMode":"none","Memory":67108864}}');
  });

  it('keeps an exec\'s command and streams', () => {
    const body = { User: '', Privileged: false, Tty: false, AttachStdin: false, AttachStderr: true, AttachStdout: true, Detach: false, DetachKeys: '', Env: null, WorkingDir: '', Cmd: ['ps'] };
    expect(summarizeRequest('POST', '/v1.41/containers/abc/exec', 'application/json', json(body)))
      .toBe('{"Cmd":["ps"],"AttachStdout":true,"AttachStderr":true}');
  });

  it('trims other JSON generically, and a body of defaults to {}', () => {
    expect(summarizeRequest('POST', '/v1.41/exec/abc/start', 'application/json', json({ Detach: false, Tty: false, ConsoleSize: [0, 0] }))).toBe('{}');
    expect(summarizeRequest('POST', '/v1.41/networks/create', 'application/json', json({ Name: 'lab', Driver: 'bridge', Internal: false, Options: {} })))
      .toBe('{"Name":"lab","Driver":"bridge"}');
  });

  it('has nothing to say without a body', () => {
    expect(summarizeRequest('POST', '/v1.41/containers/x/start', 'text/plain', null)).toBeUndefined();
    expect(summarizeRequest('POST', '/v1.41/containers/x/start', 'text/plain', Buffer.alloc(0))).toBeUndefined();
  });

  it('notes the kind and full size of bodies that are not JSON', () => {
    const tar = Buffer.alloc(1024);
    tar.write('ustar', 257, 'latin1');
    expect(summarizeRequest('POST', '/v1.41/images/load', 'application/x-tar', tar, { totalBytes: 1_100_000 })).toBe('(tar, 1.1 MB)');
    expect(summarizeRequest('POST', '/v1.41/build', null, tar)).toBe('(tar, 1.0 kB)');
    expect(summarizeRequest('POST', '/v1.41/x', 'application/octet-stream', Buffer.from([0, 1, 2]))).toBe('(bytes, 3 B)');
  });

  it('notes JSON cut short at the proxy\'s limit instead of parsing it', () => {
    const cut = Buffer.from(`{"Image":"${'x'.repeat(70_000)}`).subarray(0, 65536);
    expect(summarizeRequest('POST', '/v1.41/containers/create', 'application/json', cut, { totalBytes: 80_012 })).toBe('(json, 80.0 kB)');
  });
});

describe('summarizeResponse', () => {
  it('shortens the id a create returns', () => {
    expect(summarizeResponse('POST', '/v1.41/containers/create', 201, 'application/json', json(`{"Id":"${ID}","Warnings":[]}\n`)))
      .toBe('{"Id":"e3eb05eb7de8…"}');
    expect(summarizeResponse('POST', '/v1.41/containers/create', 201, 'application/json', json({ Id: ID, Warnings: ['low memory'] })))
      .toBe('{"Id":"e3eb05eb7de8…","Warnings":["low memory"]}');
  });

  it('keeps a wait\'s exit status, even 0', () => {
    expect(summarizeResponse('POST', `/v1.41/containers/${ID}/wait?condition=removed`, 200, 'application/json', json('{"Error":null,"StatusCode":0}\n')))
      .toBe('{"StatusCode":0}');
    expect(summarizeResponse('POST', '/v1.41/containers/x/wait', 200, 'application/json', json({ Error: { Message: 'boom' }, StatusCode: 137 })))
      .toBe('{"StatusCode":137,"Error":{"Message":"boom"}}');
  });

  it('counts a container list and names the first ones', () => {
    const list = (...names: string[]) => json(names.map((n) => ({ Id: ID, Names: [`/${n}`], State: 'exited' })));
    expect(summarizeResponse('GET', '/v1.41/containers/json?all=1', 200, 'application/json', list('cl-spike'))).toBe('1 container: cl-spike');
    expect(summarizeResponse('GET', '/v1.41/containers/json', 200, 'application/json', list('a', 'b', 'c', 'd', 'e'))).toBe('5 containers: a, b, c, +2 more');
    expect(summarizeResponse('GET', '/v1.41/containers/json', 200, 'application/json', list())).toBe('0 containers');
    expect(summarizeResponse('GET', '/v1.41/images/json', 200, 'application/json', json([{ RepoTags: ['container-lab/lab:latest'] }])))
      .toBe('1 image: container-lab/lab:latest');
  });

  it('keeps the versions of /version', () => {
    const version = { Platform: { Name: '' }, Components: [{ Name: 'Engine' }], Version: '20.10.24+dfsg1', ApiVersion: '1.41', MinAPIVersion: '1.12', Os: 'linux' };
    expect(summarizeResponse('GET', '/v1.41/version', 200, 'application/json', json(version))).toBe('{"Version":"20.10.24+dfsg1","ApiVersion":"1.41"}');
  });

  it('keeps only the message of an error', () => {
    expect(summarizeResponse('POST', '/v1.41/containers/nope/start', 404, 'application/json', json({ message: 'No such container: nope' })))
      .toBe('{"message":"No such container: nope"}');
  });

  it('says the API version a ping answers with, when there is no body', () => {
    expect(summarizeResponse('HEAD', '/_ping', 200, 'text/plain; charset=utf-8', null, { apiVersion: '1.41' })).toBe('Api-Version: 1.41');
    expect(summarizeResponse('GET', '/_ping', 200, 'text/plain; charset=utf-8', Buffer.from('OK'))).toBe('"OK"');
    expect(summarizeResponse('POST', '/v1.41/containers/x/start', 204, null, null)).toBeUndefined();
  });

  it('counts a stream\'s JSON lines and shows the last one; events by type and action', () => {
    const pull = '{"status":"Pulling from library/alpine","id":"latest"}\n{"status":"Digest: sha256:' + 'a'.repeat(64) + '"}\n{"status":"Status: Downloaded newer image for alpine:latest"}\n';
    expect(summarizeResponse('POST', '/v1.41/images/create?fromImage=alpine', 200, 'application/json', json(pull)))
      .toBe('3 messages, last {"status":"Status: Downloaded newer image for alpine:latest"}');
    const events = '{"Type":"container","Action":"create","Actor":{"ID":"x"}}\n{"Type":"container","Action":"start","Actor":{"ID":"x"}}\n';
    expect(summarizeResponse('GET', '/v1.41/events', 200, 'application/json', json(events))).toBe('2 events: container create, container start');
    const tail = json('ial line"}\n{"status":"Loaded image: x"}\n');
    expect(summarizeResponse('POST', '/v1.41/images/load', 200, 'application/json', tail, { totalBytes: 200_000 }))
      .toBe('(200.0 kB of messages), last {"status":"Loaded image: x"}');
  });

  it('keeps inspect output to id, name and state; shortens sha256 ids', () => {
    const inspect = { Id: ID, Name: '/cl-spike', State: { Status: 'exited', Running: false, Pid: 0, ExitCode: 0 }, Image: `sha256:${ID}`, Config: {} };
    expect(summarizeResponse('GET', '/v1.41/containers/cl-spike/json', 200, 'application/json', json(inspect)))
      .toBe('{"Id":"e3eb05eb7de8…","Name":"/cl-spike","State":{"Status":"exited","Pid":0,"ExitCode":0}}');
    expect(summarizeResponse('GET', '/v1.41/other', 200, 'application/json', json({ Image: `sha256:${ID}` }))).toBe('{"Image":"sha256:e3eb05eb7de8…"}');
  });

  it('stays within about 160 characters on one line', () => {
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Key${i}`, `value number ${i}`]));
    const text = summarizeResponse('GET', '/v1.41/whatever', 200, 'application/json', json(big))!;
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toContain('\n');
    const longArray = summarizeResponse('GET', '/v1.41/whatever', 200, 'application/json', json({ A: [1, 2, 3, 4, 5, 6, 7] }));
    expect(longArray).toBe('{"A":[1,2,3,4,5,"…+2"]}');
  });

  it('notes non-JSON bodies', () => {
    expect(summarizeResponse('GET', '/v1.41/containers/x/export', 200, 'application/x-tar', Buffer.alloc(600), { totalBytes: 2_500_000 })).toBe('(tar, 2.5 MB)');
    expect(summarizeResponse('GET', '/v1.41/x', 404, 'text/plain', Buffer.from('404 page not found, with a longer explanation\n'))).toBe('(text, 46 B)');
  });
});

describe('paths', () => {
  it('shortPath cuts only long query strings', () => {
    expect(shortPath('/v1.41/containers/create')).toBe('/v1.41/containers/create');
    expect(shortPath('/v1.41/containers/json?all=1')).toBe('/v1.41/containers/json?all=1');
    const long = '/v1.41/events?filters=%7B%22label%22%3A%7B%22container-lab%22%3Atrue%7D%7D';
    const short = shortPath(long);
    expect(short).toBe('/v1.41/events?filters=%7B%22label%22%3A%7B%22containe…');
    expect(short.length - '/v1.41/events?'.length).toBe(40);
  });

  it('endpointOf drops the API version and query', () => {
    expect(endpointOf('/v1.41/containers/x/wait?condition=removed')).toBe('/containers/x/wait');
    expect(endpointOf('/_ping')).toBe('/_ping');
    expect(endpointOf('/v1.41')).toBe('/v1.41');
  });

  it('knows which responses stream', () => {
    expect(isStreamingEndpoint('GET', '/v1.41/events')).toBe(true);
    expect(isStreamingEndpoint('POST', '/v1.41/containers/x/wait?condition=next-exit')).toBe(true);
    expect(isStreamingEndpoint('GET', '/v1.41/containers/x/logs?follow=1&stdout=1')).toBe(true);
    expect(isStreamingEndpoint('GET', '/v1.41/containers/x/logs?stdout=1')).toBe(false);
    expect(isStreamingEndpoint('GET', '/v1.41/containers/x/stats?stream=0')).toBe(false);
    expect(isStreamingEndpoint('POST', '/v1.41/images/create?fromImage=alpine')).toBe(true);
    expect(isStreamingEndpoint('POST', '/v1.41/containers/create')).toBe(false);
    expect(isStreamingEndpoint('GET', '/v1.41/containers/json')).toBe(false);
  });

  it('humanSize speaks like docker', () => {
    expect([humanSize(12), humanSize(1000), humanSize(1_100_000), humanSize(3_200_000_000)]).toEqual(['12 B', '1.0 kB', '1.1 MB', '3.2 GB']);
  });
});
