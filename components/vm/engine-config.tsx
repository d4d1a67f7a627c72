'use client';
// /vm/engine: Settings → Docker Engine. The VM's daemon.json in an editor, checked as it is typed against the options
// Docker Engine 20.10 accepts; "Apply & restart" restarts Docker Engine alone, and puts the old file back if it fails.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { checkDaemonConfig } from '@/lib/daemon-config';
import { useTRPC } from '@/lib/trpc';
import { DaemonJsonEditor } from './daemon-json-editor';
import { OperationPanel } from './operation-panel';
import type { VmStatus } from './types';
import { useVmStatus } from './use-vm';

interface Loaded {
  text: string;
  source: 'vm' | 'saved' | 'none';
  path: string;
}

function Editor({ s, loaded, reload }: { s: VmStatus; loaded: Loaded; reload: () => void }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const canChange = useCanChange();
  const [text, setText] = useState(loaded.text);
  const [base, setBase] = useState(loaded.text);
  const [refused, setRefused] = useState<string | null>(null);
  const op = s.operation?.kind === 'engine' ? s.operation : null;
  const failed = Boolean(op?.finishedAt && op.error);
  // The file read from the VM is what changes are measured against. It replaces the editor's text unless the user
  // has edits, or the text just failed to apply (Berth put the previous file back; the user fixes what they wrote).
  useEffect(() => {
    if (loaded.text === base) return;
    if (text === base && !failed) setText(loaded.text);
    setBase(loaded.text);
  }, [loaded.text, base, text, failed]);

  const check = useMemo(() => checkDaemonConfig(text), [text]);
  const problems = check.ok ? [] : check.problems;
  const apply = useMutation({
    ...trpc.vm.engine.applyConfig.mutationOptions(),
    onSettled: () => client.invalidateQueries({ queryKey: trpc.vm.status.queryKey() }),
  });
  const applying = Boolean(op && !op.finishedAt) || apply.isPending;
  const busy = Boolean(s.operation && !s.operation.finishedAt);
  const running = s.state === 'running';
  const changed = text !== base;
  // When the restart ends, read the file again: the new one, or the previous one Berth put back.
  const finished = op?.finishedAt;
  useEffect(() => {
    if (finished) reload();
  }, [finished, reload]);

  const format = () => {
    if (check.ok) setText(`${JSON.stringify(JSON.parse(text.trim() || '{}') as unknown, null, 2)}\n`);
  };

  return (
    <div className="max-w-4xl">
      <p className="mb-3 text-[13px] text-muted">
        Configure Docker Engine in the VM by editing its configuration file, <code className="font-mono text-fg">daemon.json</code>. It lives on the VM’s data
        disk ({loaded.path}). Apply &amp; restart restarts Docker Engine only, not the VM: containers stop, and those with a restart policy start again. If
        Docker Engine does not start with the new file, Berth puts the previous one back.
      </p>
      <OperationPanel operation={s.operation} kinds={['engine']} />
      {!running ? (
        <p role="note" className="mb-3 rounded-md border border-line bg-panel px-3 py-2 text-[13px]">
          {loaded.source === 'none'
            ? 'The VM is not running. Its daemon.json has not been read yet; start the VM to apply a configuration.'
            : 'The VM is not running: this is the daemon.json Berth last read from it. Start the VM to apply changes.'}
        </p>
      ) : null}
      <DaemonJsonEditor id="daemon-json" label="daemon.json" value={text} onChange={setText} problems={problems} readOnly={!canChange || applying} onRefused={setRefused} />
      {refused ? (
        <p role="alert" className="mt-2 text-[12.5px] text-bad">
          {refused}
        </p>
      ) : null}
      {apply.error ? <ErrorBanner className="mt-3" error={apply.error} /> : null}
      {canChange ? (
        <div className="mt-4 flex flex-wrap items-center gap-2">
          <Button
            size="md"
            variant="primary"
            disabled={!changed || !check.ok || !running || busy}
            onClick={() => apply.mutate({ text }, { onSuccess: () => setBase(text) })}
          >
            Apply &amp; restart
          </Button>
          <Button size="md" disabled={!changed || applying} onClick={() => { setText(base); setRefused(null); }}>
            Discard changes
          </Button>
          <Button size="md" variant="ghost" disabled={!check.ok || readOnlyText(text)} onClick={format}>
            Format
          </Button>
          <span className="text-[12.5px] text-muted" aria-live="polite">
            {problems.length ? `${problems.length} problem${problems.length > 1 ? 's' : ''} to fix before applying.` : changed ? (running ? 'Not applied yet.' : 'Start the VM to apply.') : null}
          </span>
        </div>
      ) : (
        <p className="mt-4 text-[13px] text-muted">Only an admin can change Docker Engine’s configuration.</p>
      )}
    </div>
  );
}

/** Nothing to format: already formatted as JSON.stringify would. */
function readOnlyText(text: string): boolean {
  try {
    return `${JSON.stringify(JSON.parse(text.trim() || '{}') as unknown, null, 2)}\n` === text;
  } catch {
    return true;
  }
}

export function EngineConfig() {
  const trpc = useTRPC();
  const status = useVmStatus();
  const config = useQuery({ ...trpc.vm.engine.config.queryOptions(), staleTime: 30_000, refetchOnWindowFocus: false });
  const reload = config.refetch;
  const stableReload = useMemo(() => () => void reload(), [reload]);
  if (status.error) return <ErrorBanner error={status.error} />;
  if (config.error) return <ErrorBanner error={config.error} />;
  if (!status.data || !config.data) return <div aria-busy="true" className="h-[26rem] max-w-4xl animate-pulse rounded-md bg-line/40" />;
  return <Editor s={status.data} loaded={config.data} reload={stableReload} />;
}
