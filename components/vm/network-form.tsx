'use client';
// /vm/network: proxies (off, system, manual) for Docker Engine in the VM and its containers, how containers reach
// this machine, and "Allow the default Docker socket to be used".
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useCanChange } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { copyText } from '@/lib/copy-text';
import { useTRPC } from '@/lib/trpc';
import { effectiveProxies, networkSchema, vmProxies, type NetworkSettings, type ProxyConfig, type ProxyMode } from '@/lib/vm-network';
import { OperationPanel } from './operation-panel';
import { useVmStatus } from './use-vm';

const MODES: Array<{ mode: ProxyMode; label: string }> = [
  { mode: 'off', label: 'No proxy' },
  { mode: 'system', label: 'System proxy' },
  { mode: 'manual', label: 'Manual proxy configuration' },
];

function Copyable({ text, label }: { text: string; label: string }) {
  const toast = useToast();
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2 flex items-start gap-2">
      <pre ref={pre} className="min-w-0 flex-1 overflow-x-auto rounded-md border border-line bg-panel px-3 py-2 font-mono text-[12px] leading-5 whitespace-pre-wrap [overflow-wrap:anywhere] select-all">
        {text}
      </pre>
      <Button
        aria-label={label}
        onClick={() =>
          copyText(text, pre.current).then(
            () => setCopied(true),
            () => toast('bad', 'The browser did not allow copying; select the command instead.'),
          )
        }
      >
        {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}

function ProxyField({ id, label, value, error, disabled, placeholder, onChange }: { id: keyof NetworkSettings; label: string; value: string; error?: string; disabled: boolean; placeholder: string; onChange: (v: string) => void }) {
  return (
    <div className="grid grid-cols-[minmax(9rem,14rem)_minmax(0,1fr)] items-start gap-x-4 gap-y-1 py-1.5 max-sm:grid-cols-1">
      <label htmlFor={id} className="pt-1 text-[13px]">
        {label}
      </label>
      <div className="flex min-w-0 flex-col gap-1">
        <Input id={id} className="w-full font-mono" value={value} placeholder={placeholder} disabled={disabled} onChange={(e) => onChange(e.target.value)} aria-invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined} spellCheck={false} />
        {error ? (
          <p id={`${id}-error`} className="text-[12px] text-bad">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function describe(c: ProxyConfig): string {
  if (!c.http && !c.https) return 'none';
  const parts = [c.http ? `HTTP ${c.http}` : null, c.https ? `HTTPS ${c.https}` : null, c.noProxy ? `except ${c.noProxy.split(',').join(', ')}` : null];
  return parts.filter(Boolean).join(' · ');
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="py-5 first:pt-0">
      <h2 id={id} className="text-[14px] font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function NetworkForm() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const canChange = useCanChange();
  const status = useVmStatus();
  const view = useQuery({ ...trpc.vm.network.get.queryOptions(), refetchInterval: 5000 });
  const apply = useMutation({
    ...trpc.vm.network.save.mutationOptions(),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: trpc.vm.network.get.queryKey() }), client.invalidateQueries({ queryKey: trpc.vm.status.queryKey() })]),
  });
  const [draft, setDraft] = useState<NetworkSettings | null>(null);
  const saved = view.data?.settings;
  useEffect(() => {
    if (saved && draft === null) setDraft(saved);
  }, [saved, draft]);

  if (view.error) return <ErrorBanner error={view.error} />;
  if (!view.data || !draft) return <div aria-busy="true" className="h-64 max-w-3xl animate-pulse rounded-md bg-line/40" />;
  const v = view.data;
  const parsed = networkSchema.safeParse(draft);
  const errors: Partial<Record<string, string>> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const next = parsed.success ? parsed.data : null;
  const changed = next !== null && JSON.stringify(next) !== JSON.stringify(v.settings);
  const nextProxies = next ? vmProxies(effectiveProxies(next, { HTTP_PROXY: v.system.http, HTTPS_PROXY: v.system.https, NO_PROXY: v.system.noProxy })) : null;
  const restarts = v.running && nextProxies !== null && JSON.stringify(nextProxies) !== JSON.stringify(v.effective);
  const op = status.data?.operation ?? null;
  const busy = Boolean(op && !op.finishedAt);
  const set = <K extends keyof NetworkSettings>(k: K, value: NetworkSettings[K]) => setDraft((d) => (d ? { ...d, [k]: value } : d));
  const example = `docker run --rm busybox wget -qO- http://host.docker.internal:8080`;
  const socket = v.defaultSocket;
  const outcome = apply.data?.socket;
  const socketLine =
    socket.state.kind === 'linked'
      ? `${socket.path} points at the VM’s engine.`
      : socket.state.kind === 'engine'
        ? `${socket.path} belongs to another Docker Engine on this machine; Berth leaves it alone.`
        : socket.state.kind === 'other-link'
          ? `${socket.path} points at ${socket.state.target}; Berth leaves it alone.`
          : `${socket.path} does not point at the VM’s engine.`;

  return (
    <form
      className="max-w-3xl"
      onSubmit={(e) => {
        e.preventDefault();
        if (next && changed) apply.mutate({ settings: next }, { onSuccess: () => setDraft(next) });
      }}
    >
      <OperationPanel operation={op} kinds={['network']} />
      <fieldset disabled={!canChange || busy} className="divide-y divide-line">
        <Section id="proxies" title="Proxies">
          <p className="mt-1 text-[13px] text-muted">
            Docker Engine in the VM pulls images through these proxies, and containers on it get them as HTTP_PROXY, HTTPS_PROXY and NO_PROXY unless they set their own. Changing them restarts Docker Engine, not the VM.
          </p>
          <div role="radiogroup" aria-label="Proxy mode" className="mt-3 flex flex-col gap-2 text-[13px]">
            {MODES.map((m) => (
              <label key={m.mode} className="flex items-start gap-2">
                <input type="radio" name="proxyMode" value={m.mode} checked={draft.proxyMode === m.mode} onChange={() => set('proxyMode', m.mode)} className="mt-0.5 accent-accent" />
                <span>
                  {m.label}
                  {m.mode === 'system' ? <span className="block text-[12px] text-muted">Berth’s own HTTP_PROXY, HTTPS_PROXY and NO_PROXY: {describe(v.system)}</span> : null}
                </span>
              </label>
            ))}
          </div>
          {errors.proxyMode ? <p className="mt-1 text-[12px] text-bad">{errors.proxyMode}</p> : null}
          {draft.proxyMode === 'manual' ? (
            <div className="mt-3 rounded-md border border-line p-3">
              <ProxyField id="httpProxy" label="Web Server (HTTP)" placeholder="http://proxy.example.com:3128" value={draft.httpProxy} error={errors.httpProxy} disabled={!canChange || busy} onChange={(x) => set('httpProxy', x)} />
              <ProxyField id="httpsProxy" label="Secure Web Server (HTTPS)" placeholder="http://proxy.example.com:3128" value={draft.httpsProxy} error={errors.httpsProxy} disabled={!canChange || busy} onChange={(x) => set('httpsProxy', x)} />
              <ProxyField id="noProxy" label="Bypass proxy settings for these hosts & domains" placeholder="localhost, .internal.example.com, 10.0.0.0/8" value={draft.noProxy} error={errors.noProxy} disabled={!canChange || busy} onChange={(x) => set('noProxy', x)} />
            </div>
          ) : null}
          <p className="mt-3 text-[12px] text-muted">
            In use in the VM: <span className="text-fg [overflow-wrap:anywhere]">{describe(v.effective)}</span>. A proxy on this machine’s 127.0.0.1 is reached from the VM at {v.hostAccess.address}.
          </p>
        </Section>

        <Section id="host-access" title="Host access">
          <p className="mt-1 text-[13px] text-muted">
            Every container on the VM’s engine reaches this machine as <code className="font-mono text-fg">{v.hostAccess.names[0]}</code> (and{' '}
            <code className="font-mono text-fg">{v.hostAccess.names[1]}</code>), which resolve to {v.hostAccess.address}: a server listening on this machine’s 127.0.0.1:8080 answers
          </p>
          <Copyable text={example} label="Copy the host access example" />
        </Section>

        <Section id="default-socket" title="Default Docker socket">
          <label className="mt-2 flex items-start gap-2 text-[13px]">
            <input type="checkbox" checked={draft.defaultSocket} onChange={(e) => set('defaultSocket', e.target.checked)} className="mt-0.5" />
            <span>
              Allow the default Docker socket to be used
              <span className="block text-[12px] text-muted">
                Makes {socket.path} point at the VM’s engine, for tools that only know the default path. The socket stays readable by Berth’s user only.
              </span>
            </span>
          </label>
          <p className="mt-2 text-[12px] text-muted">{socketLine}</p>
          {outcome && !outcome.ok ? (
            <div className="mt-2 text-[13px]" role="status">
              <p>{outcome.message}</p>
              {outcome.command ? <Copyable text={outcome.command} label="Copy the command" /> : null}
            </div>
          ) : v.settings.defaultSocket && socket.state.kind !== 'linked' && socket.state.kind !== 'engine' && socket.state.kind !== 'other-link' ? (
            <div className="mt-2 text-[13px]">
              <p>Berth could not make the link itself. Run this command once as root:</p>
              <Copyable text={socket.command} label="Copy the command" />
            </div>
          ) : null}
        </Section>
      </fieldset>
      {apply.error ? <ErrorBanner className="mt-3" error={apply.error} /> : null}
      {apply.data && !apply.isPending && !changed ? (
        <p role="status" className="mt-3 text-[13px] text-muted">
          {apply.data.result}
        </p>
      ) : null}
      {canChange ? (
        <div className="mt-4 flex flex-wrap items-center gap-2">
          <Button type="submit" size="md" variant="primary" disabled={!changed || busy || apply.isPending}>
            {restarts ? 'Apply & restart Docker Engine' : 'Apply'}
          </Button>
          <Button size="md" disabled={!changed && parsed.success} onClick={() => setDraft(v.settings)}>
            Discard changes
          </Button>
          {restarts ? <span className="text-[12px] text-muted">Running containers stop; those with a restart policy start again.</span> : null}
        </div>
      ) : (
        <p className="mt-4 text-[13px] text-muted">Only an admin can change the VM’s network settings.</p>
      )}
    </form>
  );
}
