'use client';
// A compose project's line in the containers table: select all of it, its health at a glance, its logs, and
// Start, Stop, Restart and Remove for the whole project.
import { Play, RotateCw, Square, Trash2 } from 'lucide-react';
import Link from 'next/link';
import { memo } from 'react';
import { Button } from '@/components/ui/button';
import { type Group } from './grouping';
import { TriCheckbox } from './table-head';

export type GroupAction = 'start' | 'stop' | 'restart' | 'remove';

const GROUP_ACTIONS = [
  ['start', 'Start', Play],
  ['stop', 'Stop', Square],
  ['restart', 'Restart', RotateCw],
  ['remove', 'Remove', Trash2],
] as const;

/** Which of a project's actions apply: Start while something is stopped, Stop and Restart while something runs. */
function applies(action: GroupAction, g: Group): boolean {
  const live = g.rows.some((r) => r.state === 'running' || r.state === 'restarting' || r.state === 'paused');
  if (action === 'start') return g.rows.some((r) => r.state !== 'running' && r.state !== 'paused' && r.state !== 'restarting');
  if (action === 'remove') return true;
  return live;
}

export const GroupHeader = memo(function GroupHeader({
  group,
  engine,
  canChange,
  selectedCount,
  onSelectMany,
  onGroupAction,
  busy,
  index,
  columns,
  tabbable,
}: {
  group: Group;
  engine: string;
  canChange: boolean;
  selectedCount: number;
  onSelectMany: (ids: string[], on: boolean) => void;
  onGroupAction: (group: Group, action: GroupAction) => void;
  /** Some of its containers have an action in flight. */
  busy: boolean;
  index: number;
  /** Columns the window shows, for the cell that spans them. */
  columns: number;
  tabbable: boolean;
}) {
  const project = group.project ?? '';
  const tab = tabbable ? 0 : -1;
  const base = `/e/${encodeURIComponent(engine)}`;
  return (
    <tr
      className="bg-panel/60 focus-visible:bg-accent/8 focus-visible:outline-offset-[-2px]"
      data-project={project}
      data-line={index}
      aria-rowindex={index + 2}
      tabIndex={tab}
      aria-label={`Compose project ${project}`}
    >
      {canChange ? (
        <td className="h-8 border-b border-line pr-0 pl-3">
          <TriCheckbox
            label={`Select project ${project}`}
            tabIndex={tab}
            checked={selectedCount === group.rows.length}
            some={selectedCount > 0}
            onChange={(on) => onSelectMany(group.rows.map((r) => r.id), on)}
          />
        </td>
      ) : null}
      <td colSpan={Math.max(1, columns - (canChange ? 2 : 0))} className="h-8 truncate border-b border-line px-3 text-[12px]">
        <Link href={`${base}/containers?project=${encodeURIComponent(project)}`} prefetch={false} tabIndex={tab} data-row-open title="Show only this project" className="font-semibold hover:text-accent hover:underline">
          {project}
        </Link>
        <span className="ml-2 tabular" data-group-health>
          <span className="text-muted">compose · {group.running}/{group.rows.length} running</span>
          {group.unhealthy ? <span className="font-medium text-bad">, {group.unhealthy} unhealthy</span> : null}
          {group.crashLooping ? <span className="font-medium text-bad">, {group.crashLooping} crash-looping</span> : null}
        </span>
        <Link href={`${base}/logs?project=${encodeURIComponent(project)}`} prefetch={false} tabIndex={tab} className="ml-3 text-accent hover:underline">
          Logs
        </Link>
      </td>
      {canChange ? (
        <td className="h-8 border-b border-line px-3">
          <div className="flex items-center justify-end gap-0.5">
            {GROUP_ACTIONS.map(([action, label, Icon]) => (
              <Button
                key={action}
                variant="ghost"
                size="icon"
                tabIndex={tab}
                aria-label={`${label} project ${project}`}
                title={`${label} every container of ${project}`}
                disabled={busy || !applies(action, group)}
                onClick={() => onGroupAction(group, action)}
                className={action === 'remove' ? 'hover:text-bad' : undefined}
              >
                <Icon />
              </Button>
            ))}
          </div>
        </td>
      ) : null}
    </tr>
  );
});
