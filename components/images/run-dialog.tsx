'use client';
// The Run dialog: a container spec as a form beside the `docker run` command it amounts to. The same schema as the
// server checks each field as the user types (once they tried to run); the server's refusals land under their field.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { useToast } from '@/components/ui/toast';
import { errorView, fieldErrorsOf } from '@/lib/errors';
import { type RunSpec, compactRunSpec, runSpecSchema, specFieldErrors, toDockerRunCommand } from '@/lib/run-spec';
import { joinShellWords, splitShellWords } from '@/lib/shell-words';
import { useTRPC } from '@/lib/trpc';
import { BasicsSection } from './run-form-basics';
import { CommandPreview } from './run-form-command';
import { EnvSection, LabelsSection } from './run-form-env';
import { RunErrorsContext } from './run-form-field';
import { PortsSection, VolumesSection } from './run-form-ports';
import { PullBeforeRun } from './run-form-pull';

export interface RunDialogProps {
  engine: string;
  open: boolean;
  title: string;
  /** The spec the form starts from; null while it loads. */
  initial: RunSpec | null;
  /** Why the starting spec could not be read. */
  loadError?: unknown;
  onClose: () => void;
}

function splitCommand(text: string): { words: string[] } | { error: string } {
  try {
    return { words: splitShellWords(text) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function RunForm({ engine, initial, onClose, titleId, title }: { engine: string; initial: RunSpec; onClose: () => void; titleId: string; title: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const run = useMutation(trpc.containers.run.mutationOptions());
  const networks = useQuery(trpc.networks.list.queryOptions({ engine }));
  const [spec, setSpec] = useState(initial);
  const [commandText, setCommandText] = useState(() => joinShellWords(initial.command));
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  // The image being pulled for this run, and whether that pull ended without it.
  const [pull, setPull] = useState<{ image: string; failed: boolean } | null>(null);
  const pulled = useRef(new Set<string>());
  const pulling = pull !== null && !pull.failed;

  const split = useMemo(() => splitCommand(commandText), [commandText]);
  const current: RunSpec = 'words' in split ? { ...spec, command: split.words } : spec;
  const preview = toDockerRunCommand(current);
  const check = runSpecSchema.safeParse(compactRunSpec(current));
  const errors: Record<string, string[] | undefined> = {
    ...(refusal ? fieldErrorsOf(refusal) : {}),
    ...(tried && !check.success ? specFieldErrors(check.error) : {}),
    ...(tried && 'error' in split ? { command: [split.error] } : {}),
  };
  const refusalInline = refusal ? Object.keys(fieldErrorsOf(refusal)).length > 0 : false;

  const change = (patch: Partial<RunSpec>) => {
    setRefusal(null);
    setSpec((s) => ({ ...s, ...patch }));
  };

  async function submit(): Promise<void> {
    setTried(true);
    setRefusal(null);
    setPull(null);
    if ('error' in split) return;
    const compact = compactRunSpec(current);
    // Blank rows go now, so the messages for the rows left line up with what the form shows.
    setSpec(compact);
    if (!runSpecSchema.safeParse(compact).success) return;
    try {
      const out = await run.mutateAsync({ engine, spec: compact });
      toast('ok', `Started ${out.name}.`);
      onClose();
      void qc.invalidateQueries({ queryKey: trpc.containers.list.queryKey() });
      router.push(`/e/${encodeURIComponent(engine)}/containers/${encodeURIComponent(out.name)}/logs`);
    } catch (err) {
      // One pull per image: if the image is still missing after it, the engine's sentence says why.
      if (errorView(err).code === 'IMAGE_MISSING' && !pulled.current.has(compact.image)) setPull({ image: compact.image, failed: false });
      else setRefusal(err);
    }
  }

  const names = (networks.data ?? []).map((n) => n.name).filter((n) => n !== 'none');
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!run.isPending && !pulling) void submit();
      }}
      className="flex max-h-[calc(100vh-4rem)] flex-col"
    >
      <h2 id={titleId} className="shrink-0 border-b border-line px-4 py-3 text-[15px] font-semibold break-words">
        {title}
      </h2>
      <div className="grid min-h-0 flex-1 gap-4 overflow-auto p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:overflow-hidden">
        <RunErrorsContext.Provider value={errors}>
          <div className="flex min-h-0 flex-col gap-3 lg:overflow-auto lg:pr-2">
            <BasicsSection spec={spec} commandText={commandText} networks={names} set={change} setCommandText={(t) => {
                setRefusal(null);
                setCommandText(t);
              }} />
            <PortsSection ports={spec.ports} onChange={(ports) => change({ ports })} />
            <VolumesSection volumes={spec.volumes} onChange={(volumes) => change({ volumes })} />
            <EnvSection env={spec.env} onChange={(env) => change({ env })} />
            <LabelsSection labels={spec.labels} onChange={(labels) => change({ labels })} />
          </div>
        </RunErrorsContext.Provider>
        <CommandPreview command={preview} />
      </div>
      <div className="flex shrink-0 flex-col gap-2 border-t border-line px-4 py-3">
        {pull ? (
          <PullBeforeRun
            engine={engine}
            image={pull.image}
            onDone={() => {
              pulled.current.add(pull.image);
              void submit();
            }}
            onFailed={() => setPull((p) => (p ? { ...p, failed: true } : p))}
          />
        ) : null}
        {refusal && !refusalInline ? (
          <p role="alert" className="rounded-md border border-bad/30 bg-bad/8 px-3 py-2 text-[13px] break-words">
            {errorView(refusal).message}
          </p>
        ) : null}
        {tried && (!check.success || 'error' in split) ? <p className="text-[12px] text-bad">Some fields need a change: see the messages under them.</p> : null}
        <div className="flex justify-end gap-2">
          <Button size="md" onClick={onClose}>
            Cancel
          </Button>
          <Button size="md" type="submit" variant="primary" disabled={run.isPending || Boolean(pulling)}>
            {pulling ? 'Pulling…' : run.isPending ? 'Starting…' : 'Run'}
          </Button>
        </div>
      </div>
    </form>
  );
}

export function RunDialog({ engine, open, title, initial, loadError, onClose }: RunDialogProps) {
  const titleId = useId();
  let body: ReactNode = null;
  if (open && initial) body = <RunForm engine={engine} initial={initial} onClose={onClose} titleId={titleId} title={title} />;
  else if (open) {
    body = (
      <div className="flex flex-col gap-3 p-4">
        <h2 id={titleId} className="text-[15px] font-semibold break-words">
          {title}
        </h2>
        {loadError ? (
          <p role="alert" className="rounded-md border border-bad/30 bg-bad/8 px-3 py-2 text-[13px] break-words">
            {errorView(loadError).message}
          </p>
        ) : (
          <p className="text-[13px] text-muted">Reading the container's settings…</p>
        )}
        <div className="flex justify-end">
          <Button size="md" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </div>
    );
  }
  return (
    <Modal open={open} onClose={onClose} labelledBy={titleId} width="w-[min(1120px,calc(100vw-2rem))]">
      {body}
    </Modal>
  );
}
