// Input: a text field sized for dense toolbars.
import type { InputHTMLAttributes, Ref } from 'react';
import { cn } from '@/lib/utils';

export function Input({ className, ref, ...props }: InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> }) {
  return (
    <input
      ref={ref}
      className={cn('h-7 rounded-md border border-line bg-raised px-2 text-[13px] text-fg placeholder:text-muted focus:border-accent focus:outline-none', className)}
      {...props}
    />
  );
}
