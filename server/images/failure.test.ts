// The engine's words for a failed pull or push, read as a reason and a sentence.
import { describe, expect, it } from 'vitest';
import { classifyFailure } from './failure';

describe('classifyFailure', () => {
  const cases: [string, string][] = [
    ['manifest for reg.local:5000/app:nope not found: manifest unknown: manifest unknown', 'not-found'],
    ["pull access denied for private/app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", 'denied'],
    ['Head "http://reg.local:5000/v2/app/manifests/1": no basic auth credentials', 'denied'],
    ['Get "https://reg.local:5000/v2/": dial tcp 10.0.0.9:5000: connect: connection refused', 'unreachable'],
    ['Get "https://reg.local/v2/": dial tcp: lookup reg.local on 127.0.0.53:53: no such host', 'unreachable'],
    ['failed to register layer: write /var/lib/docker/overlay2/x/diff/big: no space left on device', 'disk-full'],
    ['no matching manifest for linux/arm64/v8 in the manifest list entries', 'platform'],
    ['something else entirely', 'other'],
  ];
  it.each(cases)('reads %j as %s', (detail, reason) => {
    expect(classifyFailure('pull', 'reg.local:5000/app:1', 'reg.local:5000', detail).reason).toBe(reason);
  });

  it('names the registry to sign in to when access is denied', () => {
    const f = classifyFailure('push', 'reg.local:5000/app:1', 'reg.local:5000', 'denied: requested access to the resource is denied');
    expect(f).toMatchObject({ reason: 'denied', registry: 'reg.local:5000' });
    expect(f.message).toBe('Access to reg.local:5000/app:1 was denied by reg.local:5000: sign in to reg.local:5000, or check that your account may push this repository (denied: requested access to the resource is denied).');
  });

  it('says what to do when the disk is full', () => {
    expect(classifyFailure('pull', 'app:1', 'docker.io', 'no space left on device').message).toMatch(/ran out of disk space .* free space/);
  });
});
