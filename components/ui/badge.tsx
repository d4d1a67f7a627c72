// Badge: a small label for states and kinds.
import { cva, type VariantProps } from 'class-variance-authority';
import type { HTMLAttributes } from 'react';
import { cn } from '@/lib/utils';

export const badgeVariants = cva('inline-flex items-center gap-1 rounded px-1.5 py-px text-[11px] font-medium leading-4 whitespace-nowrap', {
  variants: {
    tone: {
      neutral: 'bg-panel text-muted ring-1 ring-line ring-inset',
      ok: 'bg-ok/12 text-ok',
      warn: 'bg-warn/12 text-warn',
      bad: 'bg-bad/12 text-bad',
      info: 'bg-accent/12 text-accent',
    },
  },
  defaultVariants: { tone: 'neutral' },
});

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement>, VariantProps<typeof badgeVariants> {}

export function Badge({ className, tone, ...props }: BadgeProps) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
