'use client';
// Toasts: short-lived notices for finished actions and their failures; announced to screen readers.
import { X } from 'lucide-react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { cn } from '@/lib/utils';

interface Toast {
  id: number;
  tone: 'ok' | 'bad';
  text: string;
}

const ToastContext = createContext<(tone: Toast['tone'], text: string) => void>(() => {});

export function useToast(): (tone: Toast['tone'], text: string) => void {
  return useContext(ToastContext);
}

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (tone: Toast['tone'], text: string) => {
      const id = nextId++;
      setToasts((t) => [...t.slice(-4), { id, tone, text }]);
      setTimeout(() => dismiss(id), tone === 'bad' ? 9_000 : 4_000);
    },
    [dismiss],
  );
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-[min(420px,calc(100vw-2rem))] flex-col gap-2">
        {toasts.map((t) => (
          <div
            key={t.id}
            role={t.tone === 'bad' ? 'alert' : 'status'}
            className={cn(
              'pointer-events-auto flex items-start gap-2 rounded-md border bg-raised px-3 py-2 text-[13px] shadow-lg',
              t.tone === 'bad' ? 'border-bad/40' : 'border-line',
            )}
          >
            <span className={cn('mt-1 size-2 shrink-0 rounded-full', t.tone === 'bad' ? 'bg-bad' : 'bg-ok')} aria-hidden />
            <span className="min-w-0 flex-1 break-words">{t.text}</span>
            <button type="button" aria-label="Dismiss" className="text-muted hover:text-fg" onClick={() => dismiss(t.id)}>
              <X className="size-3.5" />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
