'use client';
// The action buttons of one container: only those its state allows, each named for screen readers and tests.
import { Pause, Play, RotateCw, Square, Trash2, Zap } from 'lucide-react';
import type { ComponentType } from 'react';
import { Button } from '@/components/ui/button';
import { ACTION_LABEL, type ContainerAction, actionsFor } from './use-container-actions';

const ICON: Record<ContainerAction, ComponentType<{ className?: string }>> = {
  start: Play,
  stop: Square,
  restart: RotateCw,
  pause: Pause,
  unpause: Play,
  kill: Zap,
  remove: Trash2,
};

export function ActionButtons({
  name,
  state,
  onAction,
  disabled,
  withLabels = false,
  tabIndex,
}: {
  name: string;
  state: string;
  onAction: (action: ContainerAction) => void;
  disabled?: boolean;
  withLabels?: boolean;
  tabIndex?: number;
}) {
  return (
    <div className="flex items-center justify-end gap-0.5">
      {actionsFor(state).map((action) => {
        const Icon = ICON[action];
        return (
          <Button
            key={action}
            variant={withLabels ? 'default' : 'ghost'}
            size={withLabels ? 'sm' : 'icon'}
            aria-label={`${ACTION_LABEL[action]} ${name}`}
            title={`${ACTION_LABEL[action]} ${name}`}
            disabled={disabled}
            tabIndex={tabIndex}
            onClick={(e) => {
              e.stopPropagation();
              onAction(action);
            }}
            className={action === 'remove' || action === 'kill' ? 'hover:text-bad' : undefined}
          >
            <Icon />
            {withLabels ? ACTION_LABEL[action] : null}
          </Button>
        );
      })}
    </div>
  );
}
