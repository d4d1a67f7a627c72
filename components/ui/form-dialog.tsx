'use client';
// A modal form (create a volume or network, tag an image, make a user, token or share link): Escape cancels,
// and a refusal shows the server's sentence, with each field's own message under the field it names.
import { cloneElement, createContext, isValidElement, useContext, useId, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';
import { type FieldErrors, errorView, fieldErrorsOf } from '@/lib/errors';
import { cn } from '@/lib/utils';

const FieldErrorsContext = createContext<FieldErrors>({});

export const inputClass =
  'h-8 w-full rounded-md border border-line bg-bg px-2 text-[13px] text-fg placeholder:text-muted focus:border-accent focus:outline-none aria-invalid:border-bad';

export interface FormDialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  submitLabel: string;
  busy: boolean;
  /** The error of the last attempt, or null. */
  error: unknown;
  /** The fields this form shows; a refusal explained entirely under them needs no sentence below. */
  fields?: string[];
  onSubmit: (form: FormData) => void;
  onCancel: () => void;
  children: ReactNode;
}

export function FormDialog({ open, title, description, submitLabel, busy, error, fields: shown = [], onSubmit, onCancel, children }: FormDialogProps) {
  const titleId = useId();
  const fields = error ? fieldErrorsOf(error) : {};
  const named = Object.keys(fields).filter((k) => fields[k]?.length);
  const allInline = named.length > 0 && named.every((k) => shown.includes(k));
  return (
    <Modal open={open} onClose={onCancel} labelledBy={titleId} width="w-[min(480px,calc(100vw-2rem))]">
      {/* Mounted only while open, so every opening starts from the defaults. */}
      {open ? (
        <form
          noValidate
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            onSubmit(new FormData(e.currentTarget));
          }}
          className="flex flex-col gap-3 p-4"
        >
          <h2 id={titleId} className="text-[15px] font-semibold break-words">
            {title}
          </h2>
          {description ? <div className="-mt-1 text-[13px] text-muted">{description}</div> : null}
          <FieldErrorsContext.Provider value={fields}>{children}</FieldErrorsContext.Provider>
          {error && !allInline ? (
            <p role="alert" className="rounded-md border border-bad/30 bg-bad/8 px-3 py-2 text-[13px] break-words">
              {errorView(error).message}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button size="md" onClick={onCancel}>
              Cancel
            </Button>
            <Button size="md" type="submit" variant="primary" disabled={busy}>
              {busy ? 'Working…' : submitLabel}
            </Button>
          </div>
        </form>
      ) : null}
    </Modal>
  );
}

type A11y = { id: string; name?: string; 'aria-invalid'?: true; 'aria-describedby'?: string };

/**
 * A labelled control with the server's message for its field (`name` is the input's key in the procedure).
 * The control is `render(a11y)`, or one element given as children that receives the same props.
 */
export function Field({
  label,
  name,
  hint,
  className,
  addon,
  render,
  children,
}: {
  label: string;
  name?: string;
  hint?: ReactNode;
  className?: string;
  addon?: ReactNode;
  render?: (a11y: A11y & { name: string }) => ReactNode;
  children?: ReactElement;
}) {
  const id = useId();
  const messages = useContext(FieldErrorsContext)[name ?? ''];
  const describedBy = [messages?.length ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const a11y: A11y = { id, ...(messages?.length ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) };
  const control = render
    ? render({ ...a11y, name: name ?? '' })
    : isValidElement(children)
      ? cloneElement(children as ReactElement<Record<string, unknown>>, a11y)
      : children;
  return (
    <div className={cn('flex flex-col gap-1 text-[13px]', className)}>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {addon ? (
        <div className="flex items-center gap-2">
          {control}
          {addon}
        </div>
      ) : (
        control
      )}
      {hint ? (
        <span id={`${id}-hint`} className="text-[12px] text-muted">
          {hint}
        </span>
      ) : null}
      {messages?.length ? (
        <span id={`${id}-err`} role="alert" className="text-[12px] text-bad">
          {messages.join('; ')}
        </span>
      ) : null}
    </div>
  );
}

export function Check({ name, label, hint }: { name: string; label: string; hint?: string }) {
  return (
    <label className="flex items-start gap-2 text-[13px]">
      <input type="checkbox" name={name} className="mt-0.5 accent-accent" />
      <span>
        {label}
        {hint ? <span className="block text-[12px] text-muted">{hint}</span> : null}
      </span>
    </label>
  );
}
