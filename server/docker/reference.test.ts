import { describe, expect, it } from 'vitest';
import { isImageReference, isRepositoryName, parseImageReference } from './reference';

const HEX64 = 'a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4';

describe('image references', () => {
  it.each([
    'busybox',
    'busybox:1.36',
    'busybox:latest',
    'library/busybox',
    'localhost:5000/team/app:v1',
    'localhost/app',
    'registry.example.com/a/b@sha256:' + HEX64,
    'registry.example.com/a/b:1.0@sha256:' + HEX64,
    'Registry.Example.com:443/team/app',
    '[::1]:5000/app:dev',
    'berth-test/busybox:latest',
    'my_app__x/web--api.v2:Release_1.0-rc.1',
    'a3ed95caeb02',
    HEX64,
    'sha256:' + HEX64,
  ])('accepts %s', (ref) => {
    expect(isImageReference(ref)).toBe(true);
  });

  it.each([
    ['a path that climbs out of /images/', 'x/../../../127.0.0.1:1/p'],
    ['a bare ..', '..'],
    ['a dot component', 'a/./b'],
    ['an empty component', 'a//b'],
    ['a leading slash', '/busybox'],
    ['a trailing slash', 'busybox/'],
    ['capitals in the repository', 'library/Busybox'],
    ['a capitalised first component that is no registry', 'UPPER/case'],
    ['two tags', 'a:b:c'],
    ['an empty tag', 'busybox:'],
    ['a tag of 129 characters', `busybox:${'t'.repeat(129)}`],
    ['a tag starting with a dot', 'busybox:.x'],
    ['a name of 300 characters', 'a'.repeat(300)],
    ['a digest that is not hex', 'busybox@sha256:' + 'z'.repeat(64)],
    ['a short sha256 digest', 'busybox@sha256:' + HEX64.slice(0, 40)],
    ['a digest with no name', '@sha256:' + HEX64],
    ['a tag after the digest', `busybox@sha256:${HEX64}:v1`],
    ['a query string', 'busybox?x=1'],
    ['a percent escape', 'busybox%2F..'],
    ['spaces', 'busy box'],
    ['an empty string', ''],
  ])('refuses %s', (_why, ref) => {
    expect(isImageReference(ref)).toBe(false);
  });

  it('splits a reference into its parts', () => {
    expect(parseImageReference(`localhost:5000/team/app:v1@sha256:${HEX64}`)).toEqual({
      domain: 'localhost:5000',
      path: 'team/app',
      tag: 'v1',
      digest: `sha256:${HEX64}`,
    });
    expect(parseImageReference('busybox')).toEqual({ path: 'busybox' });
  });

  it('allows a 255-character name and no longer', () => {
    const name = `${'a'.repeat(127)}/${'b'.repeat(127)}`;
    expect(isImageReference(`${name}:latest`)).toBe(true);
    expect(isImageReference(`${name}c:latest`)).toBe(false);
  });
});

describe('repository names', () => {
  it('takes names without tag or digest', () => {
    expect(isRepositoryName('registry.local:5000/team/app')).toBe(true);
    expect(isRepositoryName('busybox:1.0')).toBe(false);
    expect(isRepositoryName('UPPER/Case')).toBe(false);
  });

  it('refuses a 64-hex name, which the engine would read as an id', () => {
    expect(isRepositoryName(HEX64)).toBe(false);
  });
});
