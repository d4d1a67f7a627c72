'use client';
// Shows a secret (a token or a share link) once, with a Copy button, since Berth keeps only its hash.
import { Copy } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

export function SecretOnce({ label, value, hint, onDone }: { label: string; value: string; hint?: string; onDone: () => void }) {
  const toast = useToast();
  return (
    <div role="status" className="mb-3 flex flex-col gap-2 rounded-md border border-ok/40 bg-ok/8 p-3">
      <span className="font-medium">{label}</span>
      <div className="flex gap-2">
        <input readOnly value={value} aria-label={label} className="h-8 flex-1 rounded-md border border-line bg-bg px-2 font-mono text-[12px]" onFocus={(e) => e.target.select()} />
        <Button size="md" onClick={() => navigator.clipboard.writeText(value).then(() => toast('ok', 'Copied.'), () => toast('bad', 'The browser did not allow copying.'))}>
          <Copy /> Copy
        </Button>
        <Button size="md" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
      <span className="text-[12px] text-muted">Copy it now: Berth keeps only a hash and cannot show it again.{hint ? ` ${hint}` : ''}</span>
    </div>
  );
}
