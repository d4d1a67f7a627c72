'use client';
// The one-time panel for a new token or share link: Berth keeps only a hash, so this is the only time it is shown.
import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

/** Copies text; falls back to selecting an input and execCommand where the Clipboard API is missing (plain http). */
export async function copyText(text: string, input?: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection fallback
  }
  if (!input) return false;
  input.focus();
  input.select();
  return document.execCommand('copy');
}

export function SecretOnce({ label, value, children, onDone }: { label: string; value: string; children?: ReactNode; onDone: () => void }) {
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Bring the panel into view and put the secret under the keyboard: Ctrl+C copies it at once.
    panel.current?.scrollIntoView({ block: 'nearest' });
    input.current?.focus();
    input.current?.select();
  }, [value]);
  return (
    <div ref={panel} role="region" aria-label={label} className="mb-3 flex flex-col gap-2 rounded-md border border-ok/40 bg-ok/8 p-3">
      <div className="flex items-center gap-2 font-medium">
        <Check className="size-4 text-ok" aria-hidden />
        {label}
      </div>
      <div className="flex gap-2">
        <input
          ref={input}
          readOnly
          value={value}
          aria-label={label}
          spellCheck={false}
          className="h-8 min-w-0 flex-1 rounded-md border border-line bg-bg px-2 font-mono text-[12px] text-fg focus:border-accent focus:outline-none"
          onFocus={(e) => e.target.select()}
        />
        <Button
          size="md"
          onClick={async () => {
            const copied = await copyText(value, input.current);
            toast(copied ? 'ok' : 'bad', copied ? 'Copied.' : 'The browser did not allow copying: select the text and press Ctrl+C.');
          }}
        >
          <Copy aria-hidden /> Copy
        </Button>
        <Button size="md" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <p className="text-[12px] text-fg">Copy it now: Berth keeps only a hash and cannot show it again.</p>
      {children}
    </div>
  );
}
