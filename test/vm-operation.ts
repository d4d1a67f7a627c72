// Runs one VM operation as a Berth process of its own and prints each step, so a test can kill it mid-way.
// Usage: node --import tsx test/vm-operation.ts start|stop|restart|apply ['<settings json>'] (BERTH_HOME set).
import { resolve } from 'node:path';
import { VmManager } from '../server/vm/manager';

const [kind, json] = process.argv.slice(2);
const home = process.env.BERTH_HOME;
if (!home) throw new Error('BERTH_HOME is not set.');
const vm = new VmManager({ home, root: resolve(import.meta.dirname, '..'), env: process.env });
const started =
  kind === 'apply' ? vm.apply(JSON.parse(json ?? '{}')) : kind === 'start' ? vm.start() : kind === 'stop' ? vm.stop() : kind === 'restart' ? vm.restart() : null;
if (!started) throw new Error(`Unknown operation "${kind}".`);

let last = '';
const timer = setInterval(() => {
  const step = vm.status().operation?.step ?? '';
  if (step !== last) console.log(`step: ${(last = step)}`);
}, 50);
await started.done;
clearInterval(timer);
const op = vm.status().operation;
console.log(op?.error ? `failed: ${op.error}` : `done: ${op?.result ?? op?.step}`);
process.exit(op?.error ? 1 : 0);
