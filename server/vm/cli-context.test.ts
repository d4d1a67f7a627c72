import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDockerCliConfig } from '../engines/contexts';
import { currentContext, restoreContext, switchToBerth, writeContext } from './cli-context';

describe('the docker context "berth"', () => {
  it('points the CLI at the socket, becomes current, and gives the previous context back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
    const env = { DOCKER_CONFIG: dir } as unknown as NodeJS.ProcessEnv;
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { 'r.example': {} }, currentContext: 'work' }));
    writeContext('/home/me/.berth/run/docker.sock', env);
    const berth = readDockerCliConfig(dir).contexts.find((c) => c.name === 'berth');
    expect(berth?.host).toBe('unix:///home/me/.berth/run/docker.sock');
    expect(switchToBerth(env)).toBe('work');
    expect(currentContext(env)).toBe('berth');
    restoreContext('work', env);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(config).toEqual({ auths: { 'r.example': {} }, currentContext: 'work' });
  });

  it('leaves the current context alone when the user switched away meanwhile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
    const env = { DOCKER_CONFIG: dir } as unknown as NodeJS.ProcessEnv;
    expect(switchToBerth(env)).toBe('');
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: 'other' }));
    restoreContext('', env);
    expect(currentContext(env)).toBe('other');
  });
});
