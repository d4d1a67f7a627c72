'use client';
// A service's actions for admins: scale (a number), update image, force restart, rollback and remove; the last three
// are confirmed first. Refusals come back as the engine's sentence: in the dialog for a form, in a toast otherwise.
import { useMutation } from '@tanstack/react-query';
import { ImageUp, RefreshCw, SlidersHorizontal, Trash2, Undo2 } from 'lucide-react';
import { type ComponentType, useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, FormDialog, inputClass } from '@/components/ui/form-dialog';
import { useToast } from '@/components/ui/toast';
import type { SwarmService } from '@/lib/swarm';
import { useTRPC } from '@/lib/trpc';
import { useRefreshSwarm, useSwarmAction } from './use-swarm';

export type ServiceAction = 'scale' | 'image' | 'restart' | 'rollback' | 'remove';
type Target = Pick<SwarmService, 'id' | 'name' | 'mode' | 'image' | 'desired'>;

const LABEL: Record<ServiceAction, string> = { scale: 'Scale', image: 'Update image of', restart: 'Force restart', rollback: 'Roll back', remove: 'Remove' };
const ICON: Record<ServiceAction, ComponentType<{ className?: string }>> = { scale: SlidersHorizontal, image: ImageUp, restart: RefreshCw, rollback: Undo2, remove: Trash2 };

/** Only replicated services have a count to scale; global ones run one task per eligible node. */
export function serviceActionsFor(s: Pick<SwarmService, 'mode'>): ServiceAction[] {
  return s.mode === 'replicated' ? ['scale', 'image', 'restart', 'rollback', 'remove'] : ['image', 'restart', 'rollback', 'remove'];
}

export function ServiceActionButtons({ service, onAction, withLabels = false }: { service: Target; onAction: (a: ServiceAction) => void; withLabels?: boolean }) {
  const actions = serviceActionsFor(service);
  return (
    <div className="flex items-center justify-end gap-0.5">
      {/* A global service keeps the scale button's place empty, so the columns of buttons line up. */}
      {!withLabels && !actions.includes('scale') ? <span aria-hidden className="size-7" /> : null}
      {actions.map((a) => {
        const Icon = ICON[a];
        const name = `${LABEL[a]} ${service.name}`;
        return (
          <Button
            key={a}
            variant={withLabels ? 'default' : 'ghost'}
            size={withLabels ? 'sm' : 'icon'}
            aria-label={name}
            title={name}
            className={a === 'remove' ? 'hover:text-bad' : undefined}
            onClick={() => onAction(a)}
          >
            <Icon />
            {withLabels ? (a === 'image' ? 'Update image' : LABEL[a]) : null}
          </Button>
        );
      })}
    </div>
  );
}

const CONFIRM: Record<'restart' | 'rollback' | 'remove', { title: (n: string) => string; label: string; danger: boolean; text: string }> = {
  restart: { title: (n) => `Force restart ${n}?`, label: 'Restart', danger: false, text: 'Every task is replaced by a new one, following the service’s update policy, even though nothing in its spec changed.' },
  rollback: { title: (n) => `Roll back ${n}?`, label: 'Roll back', danger: false, text: 'The service goes back to the spec it had before its last update; its tasks are replaced following the rollback policy.' },
  remove: { title: (n) => `Remove service ${n}?`, label: 'Remove', danger: true, text: 'Every task of the service stops and its containers are removed on all nodes.' },
};

/** The dialogs behind the buttons; `run(service, action)` opens the right one. `onRemoved` follows a removal. */
export function useServiceActions(engine: string, onRemoved?: () => void) {
  const trpc = useTRPC();
  const toast = useToast();
  const act = useSwarmAction();
  const refresh = useRefreshSwarm();
  const scale = useMutation(trpc.swarm.scale.mutationOptions());
  const image = useMutation(trpc.swarm.updateImage.mutationOptions());
  const restart = useMutation(trpc.swarm.forceRestart.mutationOptions());
  const rollback = useMutation(trpc.swarm.rollback.mutationOptions());
  const remove = useMutation(trpc.swarm.removeService.mutationOptions());
  const [open, setOpen] = useState<{ s: Target; a: ServiceAction } | null>(null);
  const close = () => setOpen(null);

  const { reset: resetScale } = scale;
  const { reset: resetImage } = image;
  // Stable, so memoised rows that take it do not re-render.
  const run = useCallback(
    (s: Target, a: ServiceAction) => {
      resetScale();
      resetImage();
      setOpen({ s, a });
    },
    [resetScale, resetImage],
  );

  const confirm = open && (open.a === 'restart' || open.a === 'rollback' || open.a === 'remove') ? CONFIRM[open.a] : null;
  const dialogs = (
    <>
      <FormDialog
        open={open?.a === 'scale'}
        title={`Scale ${open?.s.name ?? ''}`}
        submitLabel="Scale"
        busy={scale.isPending}
        error={scale.error}
        fields={['replicas']}
        onCancel={close}
        onSubmit={(form) => {
          const s = open?.s;
          if (!s) return;
          const replicas = Number(form.get('replicas'));
          scale.mutate(
            { engine, id: s.id, replicas },
            {
              onSuccess: () => {
                close();
                toast('ok', `Scaling ${s.name} to ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}.`);
                void refresh();
              },
            },
          );
        }}
      >
        <Field label="Replicas" name="replicas" hint="Tasks the swarm keeps running; 0 stops them all and keeps the service.">
          <input name="replicas" type="number" min={0} max={10000} step={1} required defaultValue={open?.s.desired ?? 1} autoFocus className={`${inputClass} w-32 tabular`} />
        </Field>
      </FormDialog>
      <FormDialog
        open={open?.a === 'image'}
        title={`Update the image of ${open?.s.name ?? ''}`}
        description="Tasks are replaced with the new image following the service’s update policy; a failing update pauses or rolls back as that policy says."
        submitLabel="Update"
        busy={image.isPending}
        error={image.error}
        fields={['image']}
        onCancel={close}
        onSubmit={(form) => {
          const s = open?.s;
          if (!s) return;
          const next = String(form.get('image') ?? '').trim();
          image.mutate(
            { engine, id: s.id, image: next },
            {
              onSuccess: () => {
                close();
                toast('ok', `Updating ${s.name} to ${next}.`);
                void refresh();
              },
            },
          );
        }}
      >
        <Field label="Image" name="image">
          <input name="image" required defaultValue={open?.s.image ?? ''} spellCheck={false} autoFocus className={`${inputClass} font-mono text-[12px]`} />
        </Field>
      </FormDialog>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm && open ? confirm.title(open.s.name) : ''}
        confirmLabel={confirm?.label ?? ''}
        danger={confirm?.danger}
        busy={restart.isPending || rollback.isPending || remove.isPending}
        onCancel={close}
        onConfirm={async () => {
          if (!open) return;
          const { s, a } = open;
          const input = { engine, id: s.id };
          if (a === 'restart') await act(() => restart.mutateAsync(input), `Restarting every task of ${s.name}.`);
          else if (a === 'rollback') await act(() => rollback.mutateAsync(input), `Rolling ${s.name} back to its previous spec.`);
          else if (await act(() => remove.mutateAsync(input), `Removed service ${s.name}.`)) onRemoved?.();
          close();
        }}
      >
        {confirm ? <p>{confirm.text}</p> : null}
      </ConfirmDialog>
    </>
  );
  return { run, dialogs };
}
