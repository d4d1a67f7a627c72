// What a cleanup may remove: images (dangling or all unused), stopped containers by age, volumes only when ticked, networks, build cache.
import { cn } from '@/lib/utils';

export interface CleanupOptions {
  images: 'none' | 'dangling' | 'unused';
  containersOlderThanHours: number | null;
  volumes: boolean;
  networks: boolean;
  buildCache: boolean;
}

export const DEFAULT_OPTIONS: CleanupOptions = { images: 'dangling', containersOlderThanHours: 24, volumes: false, networks: true, buildCache: true };

const AGES: { hours: number; label: string }[] = [
  { hours: 0, label: 'any age' },
  { hours: 1, label: 'more than 1 hour old' },
  { hours: 24, label: 'more than 1 day old' },
  { hours: 24 * 7, label: 'more than 1 week old' },
  { hours: 24 * 30, label: 'more than 30 days old' },
];

const field = 'h-7 rounded-md border border-line bg-raised px-1.5 text-[13px] text-fg disabled:opacity-50';

export function CleanupOptionsForm({ value, onChange }: { value: CleanupOptions; onChange: (v: CleanupOptions) => void }) {
  const set = (p: Partial<CleanupOptions>) => onChange({ ...value, ...p });
  const containers = value.containersOlderThanHours !== null;
  return (
    <div className="grid gap-x-6 gap-y-2 text-[13px] sm:grid-cols-2 xl:grid-cols-3">
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-[11px] font-semibold tracking-wide text-muted uppercase">Images</legend>
        {(
          [
            ['none', 'Keep all images'],
            ['dangling', 'Dangling images (untagged, unused)'],
            ['unused', 'All images no container uses'],
          ] as const
        ).map(([v, label]) => (
          <label key={v} className="flex items-center gap-2">
            <input type="radio" name="prune-images" checked={value.images === v} onChange={() => set({ images: v })} />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-[11px] font-semibold tracking-wide text-muted uppercase">Containers and networks</legend>
        <label className="flex flex-wrap items-center gap-2">
          <input type="checkbox" checked={containers} onChange={(e) => set({ containersOlderThanHours: e.target.checked ? 24 : null })} />
          Stopped containers
          <select
            aria-label="Container age"
            className={field}
            disabled={!containers}
            value={value.containersOlderThanHours ?? 24}
            onChange={(e) => set({ containersOlderThanHours: Number(e.target.value) })}
          >
            {AGES.map((a) => (
              <option key={a.hours} value={a.hours}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={value.networks} onChange={(e) => set({ networks: e.target.checked })} />
          Networks no container uses
        </label>
      </fieldset>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-[11px] font-semibold tracking-wide text-muted uppercase">Data and cache</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={value.buildCache} onChange={(e) => set({ buildCache: e.target.checked })} />
          Unused build cache
        </label>
        <label className={cn('flex items-start gap-2', value.volumes && 'text-warn')}>
          <input type="checkbox" className="mt-0.5" checked={value.volumes} onChange={(e) => set({ volumes: e.target.checked })} />
          <span>
            Volumes no container uses
            <span className="block text-[12px] text-muted">Volumes hold data: what is in them is deleted.</span>
          </span>
        </label>
      </fieldset>
    </div>
  );
}
