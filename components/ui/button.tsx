// Button: the one clickable primitive; variants by cva.
import { cva, type VariantProps } from 'class-variance-authority';
import type { ButtonHTMLAttributes } from 'react';
import { cn } from '@/lib/utils';

export const buttonVariants = cva(
  'inline-flex items-center justify-center gap-1.5 whitespace-nowrap rounded-md border text-[13px] font-medium transition-colors disabled:pointer-events-none disabled:opacity-45 [&_svg]:size-3.5 [&_svg]:shrink-0',
  {
    variants: {
      variant: {
        default: 'border-line bg-raised text-fg hover:bg-panel',
        primary: 'border-transparent bg-accent text-accent-fg hover:opacity-90',
        danger: 'border-transparent bg-bad text-white hover:opacity-90',
        ghost: 'border-transparent bg-transparent text-fg hover:bg-panel',
        link: 'border-transparent bg-transparent p-0 text-accent underline-offset-2 hover:underline',
      },
      size: {
        sm: 'h-7 px-2',
        md: 'h-8 px-3',
        icon: 'size-7 p-0',
      },
    },
    defaultVariants: { variant: 'default', size: 'sm' },
  },
);

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, VariantProps<typeof buttonVariants> {}

export function Button({ className, variant, size, type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}
