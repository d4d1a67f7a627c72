'use client';
// Settings → General: light, dark or the system's theme, kept with the user on the server and applied at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Monitor, Moon, Sun } from 'lucide-react';
import { useMe } from '@/components/shell/use-role';
import { useToast } from '@/components/ui/toast';
import { errorView } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { cn } from '@/lib/utils';

type Theme = 'system' | 'light' | 'dark';

const CHOICES: { value: Theme; label: string; hint: string; icon: typeof Sun }[] = [
  { value: 'light', label: 'Light', hint: 'Always light', icon: Sun },
  { value: 'dark', label: 'Dark', hint: 'Always dark', icon: Moon },
  { value: 'system', label: 'System', hint: 'Follows this computer’s setting', icon: Monitor },
];

/** The theme on this page now; the server renders every later page in it. */
function apply(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}

export function GeneralSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const me = useMe();
  const save = useMutation(trpc.access.setTheme.mutationOptions());
  const current = save.isPending && save.variables ? save.variables.theme : (me.data?.theme ?? null);

  const choose = (theme: Theme) => {
    const before = me.data?.theme ?? 'system';
    apply(theme);
    save.mutate(
      { theme },
      {
        onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.access.me.queryKey() }),
        onError: (err) => {
          apply(before);
          toast('bad', `The theme was not saved: ${errorView(err).message}`);
        },
      },
    );
  };

  return (
    <section aria-labelledby="appearance" className="flex max-w-xl flex-col gap-3 p-5">
      <div>
        <h2 id="appearance" className="text-[14px] font-semibold">
          Appearance
        </h2>
        <p className="text-[13px] text-muted">Your choice is kept with your account and applies in every browser you sign in from.</p>
      </div>
      <div role="radiogroup" aria-label="Theme" className="grid grid-cols-3 gap-2">
        {CHOICES.map(({ value, label, hint, icon: Icon }) => {
          const on = current === value;
          return (
            <button
              key={value}
              type="button"
              role="radio"
              aria-checked={on}
              disabled={!me.data}
              onClick={() => !on && choose(value)}
              className={cn('flex flex-col items-start gap-1 rounded-md border border-line bg-raised p-3 text-left hover:bg-panel disabled:opacity-50', on && 'border-accent ring-1 ring-accent')}
            >
              <span className="flex items-center gap-2 text-[13px] font-medium">
                <Icon className="size-4" aria-hidden />
                {label}
              </span>
              <span className="text-[12px] text-muted">{hint}</span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
