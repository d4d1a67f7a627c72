// Labels as small key=value chips on one line, the rest counted; every label in the title.
import { Badge } from '@/components/ui/badge';

export function LabelChips({ labels, max = 2 }: { labels: Record<string, string>; max?: number }) {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return <span className="text-muted">—</span>;
  const all = entries.map(([k, v]) => (v ? `${k}=${v}` : k));
  return (
    <span className="flex min-w-0 items-center gap-1 overflow-hidden" title={all.join('\n')}>
      {all.slice(0, max).map((t) => (
        <Badge key={t} className="block max-w-48 truncate font-mono font-normal">
          {t}
        </Badge>
      ))}
      {all.length > max ? <span className="text-[11px] whitespace-nowrap text-muted">+{all.length - max}</span> : null}
    </span>
  );
}
