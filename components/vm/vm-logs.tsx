'use client';
// /vm/logs: the VM's serial console, dockerd's output, QEMU's messages and the supervisor's, for diagnosis.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ErrorBanner } from '@/components/ui/error-banner';
import { useQueryParam } from '@/lib/use-query-params';
import { useTRPC } from '@/lib/trpc';
import { TabStrip } from '@/components/ui/tab-strip';

const KINDS = [
  { kind: 'console', label: 'Console', empty: 'The serial console is written while the VM boots and runs.' },
  { kind: 'dockerd', label: 'Docker Engine', empty: 'dockerd writes here once the VM has booted.' },
  { kind: 'qemu', label: 'QEMU', empty: 'QEMU has printed nothing.' },
  { kind: 'supervisor', label: 'Ports and socket', empty: 'The supervisor starts with the VM.' },
] as const;

type Kind = (typeof KINDS)[number]['kind'];

export function VmLogs() {
  const trpc = useTRPC();
  const [param, setParam] = useQueryParam('log');
  const kind: Kind = KINDS.some((k) => k.kind === param) ? (param as Kind) : 'console';
  const log = useQuery({ ...trpc.vm.logs.queryOptions({ kind }), refetchInterval: 2000 });
  const box = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [log.data?.text]);
  const meta = KINDS.find((k) => k.kind === kind)!;
  return (
    <div className="flex h-full min-h-0 flex-col gap-3">
      <TabStrip label="VM logs" look="pill" current={kind} tabs={KINDS.map((k) => ({ key: k.kind, label: k.label }))} onSelect={(key) => setParam(key === 'console' ? '' : key)} />
      {log.error ? <ErrorBanner error={log.error} /> : null}
      <pre
        ref={box}
        aria-label={`${meta.label} log`}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
        className="min-h-0 flex-1 overflow-auto whitespace-pre-wrap break-all rounded-md border border-line bg-panel p-3 font-mono text-[12px] leading-5"
      >
        {log.data ? (log.data.exists && log.data.text ? log.data.text : meta.empty) : 'Loading…'}
      </pre>
    </div>
  );
}
