'use client';
// The phases of the running VM's last start, as a table with a bar per phase, for the troubleshoot tab.
import type { VmStatus } from './types';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function StartPhases({ boot }: { boot: VmStatus['boot'] }) {
  if (!boot) {
    return <p className="text-[13px] text-muted">Start the VM to see how long each phase of its start takes.</p>;
  }
  const longest = Math.max(...boot.phases.map((p) => p.ms), 1);
  return (
    <table className="w-full text-[13px]" aria-label="Start phases">
      <thead>
        <tr className="text-left text-[12px] text-muted">
          <th className="py-1 pr-4 font-medium">Phase</th>
          <th className="py-1 pr-4 text-right font-medium">Time</th>
          <th className="w-1/3 py-1 font-medium">
            <span className="sr-only">Share</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {boot.phases.map((p) => (
          <tr key={p.name} data-phase={p.name} className="border-t border-line">
            <td className="py-1.5 pr-4">{p.label}</td>
            <td className="tabular py-1.5 pr-4 text-right">{seconds(p.ms)}</td>
            <td className="py-1.5">
              <div aria-hidden className="h-2 rounded-sm bg-accent/70" style={{ width: `${Math.max(2, (p.ms / longest) * 100)}%` }} />
            </td>
          </tr>
        ))}
        <tr className="border-t border-line font-semibold">
          <td className="py-1.5 pr-4">Start to engine answering</td>
          <td className="tabular py-1.5 pr-4 text-right">{seconds(boot.totalMs)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
