'use client';
// /vm/resources: CPUs, memory, swap, disk size and location, shared directories; "Apply & restart" with confirmation.
import { useEffect, useMemo, useState } from 'react';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Input } from '@/components/ui/input';
import { CONFIRM_PHRASE, describeChange, settingsSchema, type VmSettings } from '@/lib/vm-settings';
import { OperationPanel } from './operation-panel';
import { TypedConfirmation } from './typed-confirmation';
import type { VmStatus } from './types';
import { useVmActions, useVmStatus } from './use-vm';

interface Draft {
  cpus: string;
  memoryMiB: string;
  swapMiB: string;
  diskMaxGiB: string;
  diskDir: string;
  shares: string;
  exposeAllInterfaces: boolean;
  switchContext: boolean;
  resourceSaver: boolean;
  resourceSaverMinutes: string;
}

function toDraft(s: VmSettings): Draft {
  return {
    ...s,
    cpus: String(s.cpus),
    memoryMiB: String(s.memoryMiB),
    swapMiB: String(s.swapMiB),
    diskMaxGiB: String(s.diskMaxGiB),
    shares: s.shares.join('\n'),
    resourceSaver: s.resourceSaver !== false,
    resourceSaverMinutes: String(s.resourceSaverMinutes ?? 5),
  };
}

function fromDraft(d: Draft): Record<string, unknown> {
  const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));
  return {
    ...d,
    cpus: num(d.cpus),
    memoryMiB: num(d.memoryMiB),
    swapMiB: num(d.swapMiB),
    diskMaxGiB: num(d.diskMaxGiB),
    resourceSaverMinutes: num(d.resourceSaverMinutes),
    diskDir: d.diskDir.trim(),
    shares: d.shares.split('\n').map((l) => l.trim()).filter(Boolean),
  };
}

function Field({ label, hint, error, id, children }: { label: string; hint?: string; error?: string; id: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[12rem_minmax(0,1fr)] items-start gap-x-4 gap-y-1 py-2.5">
      <label htmlFor={id} className="pt-1 text-[13px] font-medium">
        {label}
      </label>
      <div className="flex min-w-0 flex-col gap-1">
        {children}
        {error ? (
          <p id={`${id}-error`} className="text-[12px] text-bad">
            {error}
          </p>
        ) : hint ? (
          <p className="text-[12px] text-muted">{hint}</p>
        ) : null}
      </div>
    </div>
  );
}

function Form({ s }: { s: VmStatus }) {
  const a = useVmActions();
  const canChange = useCanChange();
  const [draft, setDraft] = useState<Draft>(() => toDraft(s.settings));
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const saved = JSON.stringify(s.settings);
  // A save elsewhere (or a finished apply) becomes the new starting point unless the user is editing.
  const [base, setBase] = useState(saved);
  useEffect(() => {
    if (saved !== base && JSON.stringify(fromDraft(draft)) === JSON.stringify(fromDraft(toDraft(JSON.parse(base) as VmSettings)))) {
      setDraft(toDraft(s.settings));
      setBase(saved);
    }
  }, [saved, base, draft, s.settings]);

  const schema = useMemo(() => settingsSchema(s.limits), [s.limits]);
  const parsed = schema.safeParse(fromDraft(draft));
  const errors: Partial<Record<string, string>> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const next = parsed.success ? parsed.data : null;
  const changed = next !== null && JSON.stringify(next) !== saved;
  const change = next ? describeChange(s.settings, next, s.disk?.maxBytes ?? null) : null;
  const needsRestart = s.state === 'running' && change?.needsRestart === true;
  const shrinking = change?.shrinking === true;
  const moving = change?.moving === true;
  const busy = Boolean(s.operation && !s.operation.finishedAt);
  const set = (k: keyof Draft) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setDraft((d) => ({ ...d, [k]: e.target.type === 'checkbox' ? (e.target as HTMLInputElement).checked : e.target.value }));
  const apply = () => {
    if (!next) return;
    a.apply.mutate({ settings: next, confirm: shrinking ? typed : undefined }, { onSuccess: () => setConfirming(false) });
  };
  const describedBy = (id: string) => (errors[id] ? `${id}-error` : undefined);

  return (
    <>
    <form
      className="max-w-3xl"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) setConfirming(true);
      }}
    >
      <OperationPanel operation={s.operation} kinds={['apply', 'restart', 'start', 'stop']} />
      <fieldset disabled={!canChange || busy} className="divide-y divide-line">
        <Field id="cpus" label="CPUs" error={errors.cpus} hint={`1 to ${s.limits.cpus}, the cores of this machine.`}>
          <div className="flex items-center gap-3">
            <input type="range" aria-hidden tabIndex={-1} min={1} max={s.limits.cpus} value={Number(draft.cpus) || 1} onChange={set('cpus')} className="w-48 accent-[var(--color-accent)]" />
            <Input id="cpus" inputMode="numeric" className="w-20 tabular" value={draft.cpus} onChange={set('cpus')} aria-invalid={Boolean(errors.cpus)} aria-describedby={describedBy('cpus')} />
          </div>
        </Field>
        <Field id="memoryMiB" label="Memory (MiB)" error={errors.memoryMiB} hint={`512 to ${s.limits.memoryMiB} MiB; Berth leaves 1 GiB to this machine.`}>
          <div className="flex items-center gap-3">
            <input type="range" aria-hidden tabIndex={-1} min={512} max={s.limits.memoryMiB} step={256} value={Number(draft.memoryMiB) || 512} onChange={set('memoryMiB')} className="w-48 accent-[var(--color-accent)]" />
            <Input id="memoryMiB" inputMode="numeric" className="w-24 tabular" value={draft.memoryMiB} onChange={set('memoryMiB')} aria-invalid={Boolean(errors.memoryMiB)} aria-describedby={describedBy('memoryMiB')} />
          </div>
        </Field>
        <Field id="swapMiB" label="Swap (MiB)" error={errors.swapMiB} hint="A swap file on the data disk; 0 turns swap off.">
          <Input id="swapMiB" inputMode="numeric" className="w-24 tabular" value={draft.swapMiB} onChange={set('swapMiB')} aria-invalid={Boolean(errors.swapMiB)} aria-describedby={describedBy('swapMiB')} />
        </Field>
        <Field
          id="diskMaxGiB"
          label="Disk maximum size (GiB)"
          error={errors.diskMaxGiB}
          hint={shrinking ? 'Smaller than now: the disk will be deleted and created empty.' : 'Growing keeps all data. The file only takes the space Docker uses.'}
        >
          <Input id="diskMaxGiB" inputMode="numeric" className="w-24 tabular" value={draft.diskMaxGiB} onChange={set('diskMaxGiB')} aria-invalid={Boolean(errors.diskMaxGiB)} aria-describedby={describedBy('diskMaxGiB')} />
        </Field>
        <Field id="diskDir" label="Disk image location" error={errors.diskDir} hint="The folder holding Docker.raw. Changing it stops the VM, copies the disk, verifies the copy, then deletes the old file.">
          <Input id="diskDir" className="w-full font-mono" value={draft.diskDir} onChange={set('diskDir')} aria-invalid={Boolean(errors.diskDir)} aria-describedby={describedBy('diskDir')} />
        </Field>
        <Field id="shares" label="Shared directories" error={errors.shares} hint="One absolute path per line; each appears in the VM at the same path, so bind mounts work as on this machine.">
          <textarea
            id="shares"
            rows={3}
            value={draft.shares}
            onChange={set('shares')}
            aria-invalid={Boolean(errors.shares)}
            aria-describedby={describedBy('shares')}
            className="w-full rounded-md border border-line bg-raised px-2 py-1 font-mono text-[13px] focus:border-accent focus:outline-none"
          />
        </Field>
        <div className="flex flex-col gap-2 py-3 text-[13px]">
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={draft.exposeAllInterfaces} onChange={set('exposeAllInterfaces')} />
            Published ports answer on all network interfaces of this machine when the container asks for 0.0.0.0 (otherwise 127.0.0.1 only)
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={draft.switchContext} onChange={set('switchContext')} />
            Make “berth” the docker CLI’s current context while the VM runs
          </label>
        </div>
        <Field
          id="resourceSaverMinutes"
          label="Resource Saver"
          error={errors.resourceSaverMinutes}
          hint="With no container running and no call on the engine for this long, the VM is paused; the next call (docker CLI or Berth) wakes it in under a second. Takes effect without a restart."
        >
          <div className="flex items-center gap-3 text-[13px]">
            <label className="flex items-center gap-2">
              <input type="checkbox" checked={draft.resourceSaver} onChange={set('resourceSaver')} />
              Enable Resource Saver after
            </label>
            <Input
              id="resourceSaverMinutes"
              inputMode="numeric"
              className="w-16 tabular"
              disabled={!draft.resourceSaver}
              value={draft.resourceSaverMinutes}
              onChange={set('resourceSaverMinutes')}
              aria-invalid={Boolean(errors.resourceSaverMinutes)}
              aria-describedby={describedBy('resourceSaverMinutes')}
            />
            minutes
          </div>
        </Field>
      </fieldset>
      {a.apply.error && !confirming ? <ErrorBanner className="mt-3" error={a.apply.error} /> : null}
      {canChange ? (
        <div className="mt-4 flex gap-2">
          <Button type="submit" size="md" variant="primary" disabled={!changed || busy}>
            {needsRestart ? 'Apply & restart' : 'Apply'}
          </Button>
          <Button size="md" disabled={!changed && parsed.success} onClick={() => setDraft(toDraft(s.settings))}>
            Discard changes
          </Button>
        </div>
      ) : (
        <p className="mt-4 text-[13px] text-muted">Only an admin can change the VM’s resources.</p>
      )}
    </form>
      {/* Outside the form: the dialog has its own form, and forms cannot nest. */}
      <ConfirmDialog
        open={confirming}
        title={shrinking ? 'Delete the data disk?' : needsRestart ? 'Apply and restart the VM?' : 'Apply the settings?'}
        confirmLabel={shrinking ? 'Delete and recreate' : needsRestart ? 'Apply & restart' : 'Apply'}
        danger={shrinking}
        busy={a.apply.isPending}
        disabled={shrinking && typed !== CONFIRM_PHRASE}
        onCancel={() => {
          setConfirming(false);
          setTyped('');
          a.apply.reset();
        }}
        onConfirm={apply}
      >
        {needsRestart ? <p>The VM restarts: its running containers stop and start again only if their restart policy says so.</p> : null}
        {moving ? <p>The disk image is copied to {next?.diskDir}; the old file is deleted only after the copy is verified.</p> : null}
        {shrinking ? (
          <>
            <p className="text-fg">
              A disk cannot shrink in place: Berth deletes Docker.raw and creates a new, empty one. <strong>Every image, container and volume in the VM is lost.</strong>
            </p>
            <TypedConfirmation value={typed} onChange={setTyped} />
          </>
        ) : null}
        {a.apply.error ? <ErrorBanner error={a.apply.error} /> : null}
      </ConfirmDialog>
    </>
  );
}

export function ResourcesForm() {
  const status = useVmStatus();
  if (status.error) return <ErrorBanner error={status.error} />;
  if (!status.data) return <div aria-busy="true" className="h-64 max-w-3xl animate-pulse rounded-md bg-line/40" />;
  return <Form s={status.data} />;
}
