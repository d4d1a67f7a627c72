// The registry gathers engines from its sources and follows a source that announces its own changes.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextDirName, type EndpointSpec } from './contexts';
import type { EngineProvider } from './provider';
import { EngineRegistry } from './registry';

const none = join(tmpdir(), 'berth-no-socket.sock');
const VM_HOST = 'unix:///tmp/berth-test/run/docker.sock';

/** A docker CLI whose current context "berth" points at the VM's socket, as Berth writes it. */
function cliWithBerthContext(): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-reg-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: 'berth' }));
  const meta = join(dir, 'contexts', 'meta', contextDirName('berth'));
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: 'berth', Endpoints: { docker: { Host: VM_HOST } } }));
  return dir;
}

/** A source Berth runs itself that switches its one engine on and off, as the VM does. */
function switchable(): EngineProvider & { set(up: boolean): void } {
  let up = false;
  let changed = () => {};
  const spec: EndpointSpec = { name: 'vm', kind: 'vm', host: VM_HOST, description: 'Berth VM' };
  return {
    id: 'vm',
    owned: true,
    offer: () => ({ engines: up ? [spec] : [] }),
    watch: (fn) => {
      changed = fn;
      return () => (changed = () => {});
    },
    set(next) {
      up = next;
      changed();
    },
  };
}

describe('engine sources', () => {
  it('shows an engine Berth runs once, under its own name and kind, in place of the docker context at the same host', () => {
    const registry = new EngineRegistry({ env: { DOCKER_CONFIG: cliWithBerthContext() } as never, socketPath: none });
    expect(registry.names()).toEqual(['berth']);
    const vm = switchable();
    const remove = registry.add(vm);
    expect(registry.names()).toEqual(['berth']);

    vm.set(true);
    expect(registry.names()).toEqual(['vm']);
    expect(registry.current()).toBe('vm');
    expect(registry.get('vm').spec.kind).toBe('vm');

    vm.set(false);
    expect(registry.names()).toEqual(['berth']);
    expect(registry.current()).toBe('berth');

    vm.set(true);
    remove();
    expect(registry.names()).toEqual(['berth']);
    vm.set(true);
    expect(registry.has('vm')).toBe(false);
  });
});
