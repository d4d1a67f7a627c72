// Input: a text field sized for dense toolbars.
import type { InputHTMLAttributes } from 'react';
import { cn } from '@/lib/utils';

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cn('h-7 rounded-md border border-line bg-raised px-2 text-[13px] text-fg placeholder:text-muted focus:border-accent focus:outline-none', className)}
      {...props}
    />
  );
}
