'use client';
// A modal form for the settings screens: Escape cancels, and a refusal shows the server's sentence and the field it names.
import { cloneElement, createContext, isValidElement, useContext, useEffect, useId, useRef, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { errorView } from '@/lib/trpc';
import { cn } from '@/lib/utils';

type FieldErrors = Record<string, string[] | undefined>;

/** The per-field messages the server's errorFormatter adds to a validation error. */
function fieldErrorsOf(err: unknown): FieldErrors {
  const data = (err as { data?: { fieldErrors?: FieldErrors } } | null)?.data;
  return data?.fieldErrors ?? {};
}

const FieldErrorsContext = createContext<FieldErrors>({});

export const inputClass =
  'h-8 w-full rounded-md border border-line bg-bg px-2 text-[13px] text-fg placeholder:text-muted focus:border-accent focus:outline-none aria-invalid:border-bad';

export interface FormDialogProps {
  open: boolean;
  title: string;
  submitLabel: string;
  busy: boolean;
  /** The error of the last attempt, shown as the server's sentence. */
  error: unknown;
  onSubmit: (form: FormData) => void;
  onCancel: () => void;
  children: ReactNode;
}

export function FormDialog({ open, title, submitLabel, busy, error, onSubmit, onCancel, children }: FormDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(480px,calc(100vw-2rem))] rounded-lg border border-line bg-raised p-0 text-fg shadow-xl backdrop:bg-black/40"
    >
      {/* Mounted only while open, so every opening starts from empty fields. */}
      {open ? (
        <form
          noValidate
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            onSubmit(new FormData(e.currentTarget));
          }}
          className="flex flex-col gap-3 p-4"
        >
          <h2 id={titleId} className="text-[15px] font-semibold">
            {title}
          </h2>
          <FieldErrorsContext.Provider value={error ? fieldErrorsOf(error) : {}}>{children}</FieldErrorsContext.Provider>
          {error ? (
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
    </dialog>
  );
}

/** A labelled control (one element, with an optional addon beside it); `name` ties it to the server's per-field message, shown under it in place of the hint. */
export function Field(props: { label: string; name?: string; hint?: ReactNode; children: ReactElement; addon?: ReactNode; className?: string }) {
  const { label, name, hint, children, addon, className } = props;
  const errors = useContext(FieldErrorsContext);
  const id = useId();
  const message = name ? errors[name]?.[0] : undefined;
  const note = message ?? hint;
  const control = isValidElement(children)
    ? cloneElement(children as ReactElement<Record<string, unknown>>, { id, 'aria-invalid': message ? true : undefined, 'aria-describedby': note ? `${id}-note` : undefined })
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
      {note ? (
        <span id={`${id}-note`} className={cn('text-[12px]', message ? 'text-bad' : 'text-muted')}>
          {note}
        </span>
      ) : null}
    </div>
  );
}
