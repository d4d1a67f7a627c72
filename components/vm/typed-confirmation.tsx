// The field a destructive VM action waits on: the user types "delete my data" before the button wakes up.
import { Input } from '@/components/ui/input';
import { CONFIRM_PHRASE } from '@/lib/vm-settings';

export function TypedConfirmation({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  return (
    <label className="flex flex-col gap-1">
      <span>
        Type <span className="font-mono text-fg">{CONFIRM_PHRASE}</span> to confirm
      </span>
      <Input value={value} onChange={(e) => onChange(e.target.value)} aria-label="Confirmation" autoComplete="off" />
    </label>
  );
}
