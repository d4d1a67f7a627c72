'use client';
// Download: the container's whole log (or a time range, and the streams chosen) streamed from the engine as a file.
import { useState } from 'react';
import { Field, FormDialog, inputClass } from '@/components/ui/form-dialog';
import { withBase } from '@/lib/base-path';
import type { ViewOptions } from './log-toolbar';
import type { LogSource } from './use-log-stream';

const RANGES = [
  { value: 'all', label: 'The whole log' },
  { value: '3600', label: 'The last hour' },
  { value: '86400', label: 'The last 24 hours' },
  { value: 'custom', label: 'From … to …' },
] as const;

/** A `datetime-local` value (the browser's time zone) as RFC 3339 in UTC, or undefined when empty. */
function utc(local: FormDataEntryValue | null): string | undefined {
  if (typeof local !== 'string' || !local) return undefined;
  const t = new Date(local);
  if (Number.isNaN(t.getTime())) throw new Error(`"${local}" is not a time.`);
  return t.toISOString();
}

export function downloadUrl(source: LogSource, opts: { since?: string; until?: string; stdout: boolean; stderr: boolean; timestamps: boolean }): string {
  const qs = new URLSearchParams({ engine: source.engine, id: source.id });
  if (opts.since) qs.set('since', opts.since);
  if (opts.until) qs.set('until', opts.until);
  if (!opts.stdout) qs.set('stdout', '0');
  if (!opts.stderr) qs.set('stderr', '0');
  if (opts.timestamps) qs.set('timestamps', '1');
  return withBase(`/api/logs/download?${qs.toString()}`);
}

export function DownloadDialog({ open, sources, view, onClose }: { open: boolean; sources: LogSource[]; view: ViewOptions; onClose: () => void }) {
  const [range, setRange] = useState<string>('all');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    setError(null);
    setRange('all');
    onClose();
  };
  const submit = async (form: FormData) => {
    setError(null);
    try {
      const source = sources.find((s) => s.id === form.get('container')) ?? sources[0]!;
      const stdout = form.get('stdout') === 'on';
      const stderr = form.get('stderr') === 'on';
      if (!stdout && !stderr) throw new Error('Choose stdout, stderr or both.');
      let since: string | undefined;
      let until: string | undefined;
      if (range === 'custom') {
        since = utc(form.get('since'));
        until = utc(form.get('until'));
      } else if (range !== 'all') since = new Date(Date.now() - Number(range) * 1000).toISOString();
      const url = downloadUrl(source, { since, until, stdout, stderr, timestamps: form.get('timestamps') === 'on' });
      setBusy(true);
      // A refusal (scope, a stopped engine, a bad time) comes back as a sentence here instead of as a saved file.
      const check = await fetch(url, { method: 'HEAD' });
      if (!check.ok) {
        const body = await fetch(url).then((r) => r.json() as Promise<{ error?: { message?: string } }>).catch(() => null);
        throw new Error(body?.error?.message ?? `The engine refused the download (HTTP ${check.status}).`);
      }
      const a = document.createElement('a');
      a.href = url;
      a.download = '';
      document.body.append(a);
      a.click();
      a.remove();
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FormDialog
      open={open}
      title="Download the log"
      description="Streamed from the engine: every line it holds for the range chosen, not only the lines on screen."
      submitLabel="Download"
      busy={busy}
      error={error}
      onSubmit={(f) => void submit(f)}
      onCancel={close}
    >
      {sources.length > 1 ? (
        <Field label="Container">
          <select name="container" className={inputClass} defaultValue={sources[0]?.id}>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field label="Range">
        <select name="range" className={inputClass} value={range} onChange={(e) => setRange(e.target.value)}>
          {RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </Field>
      {range === 'custom' ? (
        <div className="grid grid-cols-2 gap-2">
          <Field label="From" hint="Empty: the first line">
            <input type="datetime-local" step="1" name="since" className={inputClass} />
          </Field>
          <Field label="To" hint="Empty: the last line">
            <input type="datetime-local" step="1" name="until" className={inputClass} />
          </Field>
        </div>
      ) : null}
      <fieldset className="flex flex-wrap gap-4 text-[13px]">
        <legend className="mb-1 font-medium">Streams</legend>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="stdout" defaultChecked={view.stdout} className="accent-accent" /> stdout
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="stderr" defaultChecked={view.stderr} className="accent-accent" /> stderr
        </label>
        <label className="flex items-center gap-1.5">
          <input type="checkbox" name="timestamps" defaultChecked={view.timestamps} className="accent-accent" /> Timestamps
        </label>
      </fieldset>
    </FormDialog>
  );
}
