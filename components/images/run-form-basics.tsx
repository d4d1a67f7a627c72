'use client';
// The Run form's single fields: image, name, command and entrypoint, network, restart policy, limits and switches.
import { inputClass } from '@/components/ui/form-dialog';
import { RESTART_POLICIES, type RunSpec } from '@/lib/run-spec';
import { RunField, RunSection, TextInput } from './run-form-field';

interface Props {
  spec: RunSpec;
  commandText: string;
  networks: string[];
  set: (patch: Partial<RunSpec>) => void;
  setCommandText: (text: string) => void;
}

function Switch({ label, flag, checked, onChange }: { label: string; flag: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-[13px]">
      <input type="checkbox" className="accent-accent" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label} <code className="font-mono text-[12px] text-muted">{flag}</code>
      </span>
    </label>
  );
}

export function BasicsSection({ spec, commandText, networks, set, setCommandText }: Props) {
  const known = spec.network === '' || networks.includes(spec.network);
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-3">
        <RunField label="Image" path="image">
          {(a) => <TextInput {...a} mono value={spec.image} onChange={(image) => set({ image })} />}
        </RunField>
        <RunField label="Name" path="name" hint="Empty: the engine picks one.">
          {(a) => <TextInput {...a} mono placeholder="my-container" value={spec.name} onChange={(name) => set({ name })} />}
        </RunField>
        <RunField label="Command" path="command" hint="Words as a shell splits them; empty: the image's command.">
          {(a) => <TextInput {...a} mono placeholder="sh -c 'echo hello'" value={commandText} onChange={setCommandText} />}
        </RunField>
        <RunField label="Entrypoint" path="entrypoint" hint="One program; empty: the image's entrypoint.">
          {(a) => <TextInput {...a} mono value={spec.entrypoint} onChange={(entrypoint) => set({ entrypoint })} />}
        </RunField>
      </div>
      <RunSection title="Network and restart">
        <div className="grid grid-cols-3 gap-3">
          <RunField label="Network" path="network">
            {(a) => (
              <select {...a} value={spec.network} onChange={(e) => set({ network: e.target.value })} className={inputClass}>
                <option value="">default</option>
                {(known ? networks : [...networks, spec.network]).map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            )}
          </RunField>
          <RunField label="Restart policy" path="restart.policy">
            {(a) => (
              <select
                {...a}
                value={spec.restart.policy}
                onChange={(e) => {
                  const policy = e.target.value as RunSpec['restart']['policy'];
                  set({ restart: { policy, maxRetries: policy === 'on-failure' ? spec.restart.maxRetries : '' } });
                }}
                className={inputClass}
              >
                {RESTART_POLICIES.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            )}
          </RunField>
          {spec.restart.policy === 'on-failure' ? (
            <RunField label="Maximum retries" path="restart.maxRetries" hint="Empty: no limit.">
              {(a) => <TextInput {...a} mono value={spec.restart.maxRetries} onChange={(maxRetries) => set({ restart: { ...spec.restart, maxRetries } })} />}
            </RunField>
          ) : null}
        </div>
      </RunSection>
      <RunSection title="Resources and options">
        <div className="grid grid-cols-2 gap-3">
          <RunField label="CPUs" path="cpus" hint="For example 1.5; empty: no limit.">
            {(a) => <TextInput {...a} mono value={spec.cpus} onChange={(cpus) => set({ cpus })} />}
          </RunField>
          <RunField label="Memory" path="memory" hint="For example 512m or 2g; empty: no limit.">
            {(a) => <TextInput {...a} mono value={spec.memory} onChange={(memory) => set({ memory })} />}
          </RunField>
        </div>
        <div className="flex flex-wrap gap-x-5 gap-y-1">
          <Switch label="Remove when it exits" flag="--rm" checked={spec.autoRemove} onChange={(autoRemove) => set({ autoRemove })} />
          <Switch label="Allocate a TTY" flag="-t" checked={spec.tty} onChange={(tty) => set({ tty })} />
          <Switch label="Keep stdin open" flag="-i" checked={spec.interactive} onChange={(interactive) => set({ interactive })} />
        </div>
      </RunSection>
    </div>
  );
}
