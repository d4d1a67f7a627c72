'use client';
// A node's row actions for admins: availability (drain, pause, activate), role (promote, demote), labels, remove.
import { useMutation } from '@tanstack/react-query';
import { ChevronsDown, ChevronsUp, CircleSlash, Pause, Play, Tag, Trash2 } from 'lucide-react';
import { type ComponentType, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, FormDialog } from '@/components/ui/form-dialog';
import type { NodeAvailability, SwarmNode } from '@/lib/swarm';
import { useTRPC } from '@/lib/trpc';
import { useToast } from '@/components/ui/toast';
import { useRefreshSwarm, useSwarmAction } from './use-swarm';

export type NodeAction = 'drain' | 'pause' | 'activate' | 'promote' | 'demote' | 'labels' | 'remove';

const LABEL: Record<NodeAction, string> = { drain: 'Drain', pause: 'Pause', activate: 'Activate', promote: 'Promote', demote: 'Demote', labels: 'Edit labels of', remove: 'Remove' };
const ICON: Record<NodeAction, ComponentType<{ className?: string }>> = { drain: CircleSlash, pause: Pause, activate: Play, promote: ChevronsUp, demote: ChevronsDown, labels: Tag, remove: Trash2 };
const AVAILABILITY: Record<NodeAvailability, NodeAction> = { active: 'activate', pause: 'pause', drain: 'drain' };

/** The actions a node offers, in a stable order so buttons keep their places as its state changes. */
export function nodeActionsFor(n: SwarmNode): NodeAction[] {
  const out: NodeAction[] = (['active', 'pause', 'drain'] as const).filter((a) => a !== n.availability).map((a) => AVAILABILITY[a]);
  out.push(n.role === 'worker' ? 'promote' : 'demote', 'labels');
  if (!n.self) out.push('remove');
  return out;
}

export function NodeActionButtons({ node, busy, onAction }: { node: SwarmNode; busy: boolean; onAction: (a: NodeAction) => void }) {
  const actions = nodeActionsFor(node);
  return (
    <div className="flex items-center justify-end gap-0.5">
      {actions.map((a) => {
        const Icon = ICON[a];
        const name = `${LABEL[a]} ${node.hostname}`;
        return (
          <Button key={a} variant="ghost" size="icon" aria-label={name} title={name} disabled={busy} className={a === 'remove' ? 'hover:text-bad' : undefined} onClick={() => onAction(a)}>
            <Icon />
          </Button>
        );
      })}
      {/* The node Berth is connected to cannot be removed from here; its place stays, so the buttons line up. */}
      {actions.includes('remove') ? null : <span aria-hidden className="size-7" />}
    </div>
  );
}

/** "key=value" lines to labels; a line without "=" is a label with an empty value. */
export function parseLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    out[eq < 0 ? line : line.slice(0, eq).trim()] = eq < 0 ? '' : line.slice(eq + 1).trim();
  }
  return out;
}

export function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

/** The dialogs and the runner behind the buttons: `run(node, action)` goes at once or through a dialog. */
export function useNodeActions(engine: string) {
  const trpc = useTRPC();
  const act = useSwarmAction();
  const refresh = useRefreshSwarm();
  const toast = useToast();
  const update = useMutation(trpc.swarm.nodeUpdate.mutationOptions());
  const remove = useMutation(trpc.swarm.nodeRemove.mutationOptions());
  const [busy, setBusy] = useState<string | null>(null);
  const [labelling, setLabelling] = useState<SwarmNode | null>(null);
  const [removing, setRemoving] = useState<SwarmNode | null>(null);

  const change = async (n: SwarmNode, patch: { availability?: NodeAvailability; role?: 'manager' | 'worker' }, done: string) => {
    setBusy(n.id);
    await act(() => update.mutateAsync({ engine, id: n.id, version: n.version, ...patch }), done);
    setBusy(null);
  };

  const run = (n: SwarmNode, a: NodeAction) => {
    if (a === 'drain') void change(n, { availability: 'drain' }, `Draining ${n.hostname}: its tasks move to other nodes.`);
    else if (a === 'pause') void change(n, { availability: 'pause' }, `Paused ${n.hostname}: it takes no new tasks.`);
    else if (a === 'activate') void change(n, { availability: 'active' }, `${n.hostname} is active again.`);
    else if (a === 'promote') void change(n, { role: 'manager' }, `Promoted ${n.hostname} to manager.`);
    else if (a === 'demote') void change(n, { role: 'worker' }, `Demoted ${n.hostname} to worker.`);
    else if (a === 'labels') {
      update.reset();
      setLabelling(n);
    } else setRemoving(n);
  };

  const dialogs = (
    <>
      <FormDialog
        open={labelling !== null}
        title={`Labels of ${labelling?.hostname ?? ''}`}
        description="One key=value per line. Placement constraints such as node.labels.zone==east read them."
        submitLabel="Save labels"
        busy={update.isPending}
        error={update.error}
        fields={['labels']}
        onCancel={() => setLabelling(null)}
        onSubmit={(form) => {
          const n = labelling;
          if (!n) return;
          const labels = parseLabels(String(form.get('labels') ?? ''));
          update.mutate(
            { engine, id: n.id, version: n.version, labels },
            {
              onSuccess: () => {
                setLabelling(null);
                toast('ok', `Saved the labels of ${n.hostname}.`);
                void refresh();
              },
            },
          );
        }}
      >
        <Field label="Labels" name="labels">
          <textarea name="labels" rows={6} defaultValue={labelsText(labelling?.labels ?? {})} spellCheck={false} placeholder="zone=east" className="w-full rounded-md border border-line bg-bg px-2 py-1.5 font-mono text-[12px] text-fg focus:border-accent focus:outline-none" />
        </Field>
      </FormDialog>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove node ${removing?.hostname ?? ''}?`}
        confirmLabel="Remove"
        danger
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={async () => {
          const n = removing;
          if (!n) return;
          await act(() => remove.mutateAsync({ engine, id: n.id }), `Removed node ${n.hostname} from the swarm.`);
          setRemoving(null);
        }}
      >
        <p>The swarm forgets the node; to come back it must join again with a token.</p>
        {removing && removing.state !== 'down' ? (
          <p className="text-fg">
            {removing.hostname} is {removing.state}: the engine removes only nodes that are down, so stop its engine or have it leave the swarm first.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
  return { run, busy, dialogs };
}
