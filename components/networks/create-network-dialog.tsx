'use client';
// Creating a network: name, driver, optional subnet and gateway, internal and attachable; field errors from the server.
import { useMutation } from '@tanstack/react-query';
import { CreateDialog } from '@/components/engine/resource-dialogs';
import { Check, Field, inputClass } from '@/components/ui/form-dialog';
import { useTRPC } from '@/lib/trpc';

const DRIVERS = ['bridge', 'overlay', 'macvlan', 'ipvlan'] as const;
type Driver = (typeof DRIVERS)[number];

const FIELDS = ['name', 'driver', 'subnet', 'gateway'];

export function CreateNetworkDialog({ engine, open, onClose }: { engine: string; open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.networks.create.mutationOptions());
  return (
    <CreateDialog
      open={open}
      onClose={onClose}
      title="Create network"
      fields={FIELDS}
      mutation={create}
      list={trpc.networks.list.queryKey()}
      create={async (form) => {
        const text = (k: string) => String(form.get(k) ?? '').trim();
        const driver = text('driver') as Driver;
        const out = await create.mutateAsync({
          engine,
          name: text('name'),
          driver: DRIVERS.includes(driver) ? driver : 'bridge',
          ...(text('subnet') ? { subnet: text('subnet') } : {}),
          ...(text('gateway') ? { gateway: text('gateway') } : {}),
          internal: form.get('internal') === 'on',
          attachable: form.get('attachable') === 'on',
        });
        return `Created network ${out.name}.`;
      }}
    >
      <Field label="Name" name="name" render={(a) => <input {...a} autoFocus autoComplete="off" spellCheck={false} placeholder="backend" className={inputClass} />} />
      <Field
        label="Driver"
        name="driver"
        render={(a) => (
          <select {...a} defaultValue="bridge" className={inputClass}>
            {DRIVERS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        )}
      />
      <div className="grid grid-cols-2 gap-3">
        <Field label="Subnet" name="subnet" hint="Optional, in CIDR form." render={(a) => <input {...a} autoComplete="off" spellCheck={false} placeholder="172.30.0.0/16" className={`${inputClass} font-mono`} />} />
        <Field label="Gateway" name="gateway" hint="Optional; needs a subnet." render={(a) => <input {...a} autoComplete="off" spellCheck={false} placeholder="172.30.0.1" className={`${inputClass} font-mono`} />} />
      </div>
      <Check name="internal" label="Internal" hint="No route to the outside world." />
      <Check name="attachable" label="Attachable" hint="Standalone containers may join (overlay networks)." />
    </CreateDialog>
  );
}
