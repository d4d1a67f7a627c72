'use client';
// The Build page's form: where the context comes from (a folder on Berth's machine within the allowed roots, or a
// folder or tar from this computer) and the build's options. It hands a checked request to onBuild.
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, inputClass } from '@/components/ui/form-dialog';
import { cn } from '@/lib/utils';
import type { BuildRequest } from './use-build';

type SourceKind = 'path' | 'folder' | 'tar';

/** "KEY=value" per line; blank lines and "# comments" skipped. Returns a sentence for the first bad line. */
export function parseBuildArgs(text: string): Record<string, string> | string {
  const args: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return `Build argument line ${i + 1} must read NAME=value.`;
    args[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return args;
}

const SOURCES: { kind: SourceKind; label: string }[] = [
  { kind: 'path', label: 'Folder on Berth’s machine' },
  { kind: 'folder', label: 'Upload a folder' },
  { kind: 'tar', label: 'Upload a .tar' },
];

export function BuildForm({ roots, busy, onBuild, onInvalid }: { roots: string[] | undefined; busy: boolean; onBuild: (req: BuildRequest) => void; onInvalid: (message: string) => void }) {
  const [kind, setKind] = useState<SourceKind>('path');
  const [path, setPath] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tar, setTar] = useState<File | null>(null);

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const args = parseBuildArgs(String(form.get('buildArgs') ?? ''));
    if (typeof args === 'string') return onInvalid(args);
    let source: BuildRequest['source'];
    if (kind === 'path') {
      if (!path.trim()) return onInvalid('Give the folder that holds the Dockerfile.');
      source = { kind: 'path', path: path.trim() };
    } else if (kind === 'folder') {
      if (!files.length) return onInvalid('Choose a folder to upload.');
      source = { kind: 'folder', files };
    } else {
      if (!tar) return onInvalid('Choose a .tar file to upload.');
      source = { kind: 'tar', file: tar };
    }
    onBuild({
      source,
      dockerfile: text('dockerfile') || undefined,
      tags: text('tags').split(/[\s,]+/).filter(Boolean),
      buildArgs: Object.keys(args).length ? args : undefined,
      target: text('target') || undefined,
      noCache: form.get('noCache') === 'on',
      pull: form.get('pull') === 'on',
    });
  }

  return (
    <form onSubmit={submit} className="grid gap-3 md:grid-cols-2" aria-label="Build options">
      <fieldset className="flex flex-col gap-2 md:col-span-2">
        <legend className="mb-1 text-[13px] font-medium">Source</legend>
        <div className="flex flex-wrap gap-1.5" role="radiogroup" aria-label="Source">
          {SOURCES.map((s) => (
            <label key={s.kind} className={cn('flex h-7 cursor-pointer items-center gap-1.5 rounded-md border border-line px-2 text-[12px]', kind === s.kind && 'border-accent text-accent')}>
              <input type="radio" name="sourceKind" value={s.kind} checked={kind === s.kind} onChange={() => setKind(s.kind)} className="accent-accent" />
              {s.label}
            </label>
          ))}
        </div>
        {kind === 'path' ? (
          <Field
            label="Folder"
            hint={
              roots === undefined ? (
                'Loading the allowed folders…'
              ) : roots.length ? (
                <>
                  Allowed: {roots.map((r, i) => (
                    <span key={r}>
                      {i ? ', ' : ''}
                      <button type="button" className="font-mono text-accent hover:underline" onClick={() => setPath(r.endsWith('/') ? r : `${r}/`)}>
                        {r}
                      </button>
                    </span>
                  ))}{' '}
                  (BERTH_BUILD_ROOTS, or the VM’s shared directories)
                </>
              ) : (
                'No folder is allowed: set BERTH_BUILD_ROOTS or share a directory with the VM.'
              )
            }
            render={(a) => <input {...a} value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/app" spellCheck={false} autoComplete="off" className={`${inputClass} font-mono`} />}
          />
        ) : kind === 'folder' ? (
          <Field
            label="Folder to upload"
            hint={files.length ? `${files.length} files picked; the folder’s .dockerignore is applied before sending, and files arrive as rwxr-xr-x.` : 'The folder that holds the Dockerfile.'}
            render={(a) => <input {...a} type="file" multiple {...{ webkitdirectory: '', directory: '' }} onChange={(e) => setFiles([...(e.target.files ?? [])])} className="text-[13px]" />}
          />
        ) : (
          <Field
            label="Archive to upload"
            hint="A tar (optionally gzip-compressed) with the Dockerfile inside; sent as it is."
            render={(a) => <input {...a} type="file" accept=".tar,.tar.gz,.tgz,application/x-tar,application/gzip" onChange={(e) => setTar(e.target.files?.[0] ?? null)} className="text-[13px]" />}
          />
        )}
      </fieldset>
      <Field label="Tags" name="tags" hint="Separated by spaces or commas, e.g. app:1.0 registry.local:5000/team/app:latest" render={(a) => <input {...a} spellCheck={false} autoComplete="off" className={`${inputClass} font-mono`} />} />
      <Field label="Dockerfile" name="dockerfile" hint="Its path inside the folder" render={(a) => <input {...a} placeholder="Dockerfile" spellCheck={false} autoComplete="off" className={`${inputClass} font-mono`} />} />
      <Field label="Build arguments" name="buildArgs" hint="One NAME=value per line" render={(a) => <textarea {...a} rows={2} spellCheck={false} className={`${inputClass} h-auto py-1 font-mono`} />} />
      <div className="flex flex-col gap-3">
        <Field label="Target stage" name="target" render={(a) => <input {...a} placeholder="(the last stage)" spellCheck={false} autoComplete="off" className={`${inputClass} font-mono`} />} />
        <div className="flex flex-wrap gap-4 text-[13px]">
          <label className="flex items-center gap-1.5">
            <input type="checkbox" name="noCache" className="accent-accent" /> No cache
          </label>
          <label className="flex items-center gap-1.5">
            <input type="checkbox" name="pull" className="accent-accent" /> Pull newer base images
          </label>
        </div>
      </div>
      <div className="md:col-span-2">
        <Button type="submit" variant="primary" size="md" disabled={busy}>
          Build
        </Button>
      </div>
    </form>
  );
}
