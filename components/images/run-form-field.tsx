'use client';
// The Run form's building blocks: a labelled control with the message for its field (keyed by the field's path in
// the spec, "ports.0.hostPort", as the server names it too), section headings and row buttons.
import { Plus, X } from 'lucide-react';
import { createContext, useContext, useId, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/form-dialog';
import { cn } from '@/lib/utils';

export const RunErrorsContext = createContext<Record<string, string[] | undefined>>({});

/** The message for one field, or undefined. */
export function useFieldError(path: string): string | undefined {
  const messages = useContext(RunErrorsContext)[path];
  return messages?.length ? messages.join('; ') : undefined;
}

export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
  'aria-label'?: string;
}

/** A control with its label (visible, or only for screen readers in dense rows), hint and error. */
export function RunField({
  label,
  path,
  hint,
  hideLabel,
  className,
  children,
}: {
  label: string;
  path: string;
  hint?: ReactNode;
  hideLabel?: boolean;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const error = useFieldError(path);
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const props: ControlProps = { id, ...(error ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
  return (
    <div className={cn('flex min-w-0 flex-col gap-1 text-[13px]', className)} data-field={path}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'font-medium'}>
        {label}
      </label>
      {children(props)}
      {hint ? (
        <span id={`${id}-hint`} className="text-[12px] text-muted">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-err`} role="alert" className="text-[12px] break-words text-bad">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A text input bound to one string. */
export function TextInput({ value, onChange, mono, className, ...props }: ControlProps & { value: string; onChange: (v: string) => void; mono?: boolean; className?: string; placeholder?: string }) {
  return (
    <input
      {...props}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoComplete="off"
      spellCheck={false}
      className={cn(inputClass, mono && 'font-mono', className)}
    />
  );
}

/** A titled group of the form, with an "Add" button when it holds rows. */
export function RunSection({ title, count, onAdd, addLabel, children }: { title: string; count?: number; onAdd?: () => void; addLabel?: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-2 border-t border-line pt-3" aria-label={title}>
      <div className="flex items-center gap-2">
        <h3 className="text-[13px] font-semibold">{title}</h3>
        {count ? <span className="text-[12px] text-muted tabular">{count}</span> : null}
        {onAdd ? (
          <Button size="sm" variant="ghost" className="ml-auto" onClick={onAdd}>
            <Plus aria-hidden />
            {addLabel}
          </Button>
        ) : null}
      </div>
      {children}
    </section>
  );
}

export function RemoveRowButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <Button variant="ghost" size="icon" aria-label={label} title="Remove" className="mt-0.5 hover:text-bad" onClick={onClick}>
      <X aria-hidden />
    </Button>
  );
}

/** Replaces one item of a list, for rows edited in place. */
export function replaceAt<T>(list: readonly T[], i: number, item: T): T[] {
  return list.map((x, j) => (j === i ? item : x));
}

export function removeAt<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
}
