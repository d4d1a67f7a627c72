'use client';
// The `docker run` command the form amounts to, as it changes, with a Copy button.
import { Check, Copy } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { copyText } from '@/lib/copy-text';

export function CommandPreview({ command }: { command: string }) {
  const toast = useToast();
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [command]);
  return (
    <div className="flex min-h-0 flex-col gap-2">
      <div className="flex items-center gap-2">
        <h3 id="run-command-title" className="text-[13px] font-semibold">
          Equivalent command
        </h3>
        <Button
          className="ml-auto"
          aria-label="Copy docker run command"
          onClick={() =>
            copyText(command, pre.current).then(
              () => setCopied(true),
              () => toast('bad', 'The browser did not allow copying; select the command instead.'),
            )
          }
        >
          {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <pre
        ref={pre}
        aria-labelledby="run-command-title"
        data-testid="run-command"
        className="min-h-24 overflow-auto rounded-md border border-line bg-panel p-3 font-mono text-[12px] leading-5 whitespace-pre-wrap [overflow-wrap:anywhere] select-all"
      >
        {command}
      </pre>
      <p className="text-[12px] text-muted">Runs detached, as Berth does. Paste it into a terminal whose docker talks to this engine.</p>
    </div>
  );
}
