'use client';
// Published ports (-p) and volumes (-v, --tmpfs): one row each, with the column names shown once above the rows.
import { inputClass } from '@/components/ui/form-dialog';
import { type PortSpec, PROTOCOLS, VOLUME_TYPES, type VolumeSpec } from '@/lib/run-spec';
import { cn } from '@/lib/utils';
import { RemoveRowButton, RunField, RunSection, TextInput, removeAt, replaceAt } from './run-form-field';

// Fixed widths for the last columns, so the heads above line up with the rows' inputs.
const PORT_GRID = 'grid grid-cols-[minmax(0,3fr)_minmax(0,2fr)_minmax(0,2fr)_4.5rem_1.75rem] items-start gap-2';
const VOLUME_GRID = 'grid grid-cols-[6rem_minmax(0,3fr)_minmax(0,3fr)_5.5rem_1.75rem] items-start gap-2';

function Heads({ grid, names }: { grid: string; names: string[] }) {
  return (
    <div className={cn(grid, 'text-[12px] text-muted')} aria-hidden>
      {names.map((n, i) => (
        <span key={i}>{n}</span>
      ))}
    </div>
  );
}

export function PortsSection({ ports, onChange }: { ports: PortSpec[]; onChange: (ports: PortSpec[]) => void }) {
  const set = (i: number, patch: Partial<PortSpec>) => onChange(replaceAt(ports, i, { ...ports[i]!, ...patch }));
  return (
    <RunSection
      title="Published ports"
      count={ports.length}
      addLabel="Add port"
      onAdd={() => onChange([...ports, { hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' }])}
    >
      {ports.length ? <Heads grid={PORT_GRID} names={['Host address', 'Host port', 'Container port', 'Protocol', '']} /> : null}
      {ports.map((p, i) => (
        <div key={i} className={PORT_GRID}>
          <RunField label={`Port ${i + 1} host address`} path={`ports.${i}.hostIp`} hideLabel>
            {(a) => <TextInput {...a} mono placeholder="all addresses" value={p.hostIp} onChange={(hostIp) => set(i, { hostIp })} />}
          </RunField>
          <RunField label={`Port ${i + 1} host port`} path={`ports.${i}.hostPort`} hideLabel>
            {(a) => <TextInput {...a} mono placeholder="any free" value={p.hostPort} onChange={(hostPort) => set(i, { hostPort })} />}
          </RunField>
          <RunField label={`Port ${i + 1} container port`} path={`ports.${i}.containerPort`} hideLabel>
            {(a) => <TextInput {...a} mono placeholder="80" value={p.containerPort} onChange={(containerPort) => set(i, { containerPort })} />}
          </RunField>
          <RunField label={`Port ${i + 1} protocol`} path={`ports.${i}.protocol`} hideLabel>
            {(a) => (
              <select {...a} value={p.protocol} onChange={(e) => set(i, { protocol: e.target.value as PortSpec['protocol'] })} className={inputClass}>
                {PROTOCOLS.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            )}
          </RunField>
          <RemoveRowButton label={`Remove port ${i + 1}`} onClick={() => onChange(removeAt(ports, i))} />
        </div>
      ))}
    </RunSection>
  );
}

const SOURCE_HINT: Record<VolumeSpec['type'], string> = { volume: 'volume name, or empty', bind: '/path/on/host', tmpfs: 'none' };

export function VolumesSection({ volumes, onChange }: { volumes: VolumeSpec[]; onChange: (volumes: VolumeSpec[]) => void }) {
  const set = (i: number, patch: Partial<VolumeSpec>) => onChange(replaceAt(volumes, i, { ...volumes[i]!, ...patch }));
  return (
    <RunSection
      title="Volumes"
      count={volumes.length}
      addLabel="Add volume"
      onAdd={() => onChange([...volumes, { type: 'volume', source: '', target: '', readOnly: false }])}
    >
      {volumes.length ? <Heads grid={VOLUME_GRID} names={['Type', 'Source', 'Path in container', '', '']} /> : null}
      {volumes.map((v, i) => (
        <div key={i} className={VOLUME_GRID}>
          <RunField label={`Volume ${i + 1} type`} path={`volumes.${i}.type`} hideLabel>
            {(a) => (
              <select
                {...a}
                value={v.type}
                onChange={(e) => {
                  const type = e.target.value as VolumeSpec['type'];
                  set(i, { type, ...(type === 'tmpfs' ? { source: '' } : {}) });
                }}
                className={inputClass}
              >
                {VOLUME_TYPES.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            )}
          </RunField>
          <RunField label={`Volume ${i + 1} source`} path={`volumes.${i}.source`} hideLabel>
            {(a) => <TextInput {...a} mono placeholder={SOURCE_HINT[v.type]} value={v.source} onChange={(source) => set(i, { source })} className={v.type === 'tmpfs' ? 'opacity-50' : ''} />}
          </RunField>
          <RunField label={`Volume ${i + 1} path in container`} path={`volumes.${i}.target`} hideLabel>
            {(a) => <TextInput {...a} mono placeholder="/data" value={v.target} onChange={(target) => set(i, { target })} />}
          </RunField>
          <label className="mt-1.5 flex items-center gap-1 text-[12px] whitespace-nowrap">
            <input type="checkbox" className="accent-accent" checked={v.readOnly} onChange={(e) => set(i, { readOnly: e.target.checked })} />
            Read-only
            <span className="sr-only">{` volume ${i + 1}`}</span>
          </label>
          <RemoveRowButton label={`Remove volume ${i + 1}`} onClick={() => onChange(removeAt(volumes, i))} />
        </div>
      ))}
    </RunSection>
  );
}
