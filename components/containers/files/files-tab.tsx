'use client';
// The container page's Files tab: browse folders through the archive API (stopped containers too), download a file
// or a folder as a tar, upload files into the folder shown, and open a text file to read or edit.
import { useQuery } from '@tanstack/react-query';
import { ArrowUp, File, Folder, Link2, RefreshCw, Upload } from 'lucide-react';
import { useRef, useState, type FormEvent } from 'react';
import { useCanChangeHydrated } from '@/components/shell/use-role';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorBanner } from '@/components/ui/error-banner';
import { Input } from '@/components/ui/input';
import { withBase } from '@/lib/base-path';
import { useTRPC } from '@/lib/trpc';
import type { FileEntry } from '@/server/files/files';
import { FileViewer } from './file-viewer';
import { childOf, modeString, parentOf, sizeString, timeString } from './format';

const ROW = 28;
const VIEW_ROWS = 18;
const OVERSCAN = 10;

function fileUrl(kind: 'download' | 'upload', engine: string, id: string, path: string, name?: string): string {
  const q = new URLSearchParams({ engine, id, path });
  if (name !== undefined) q.set('name', name);
  return withBase(`/api/files/${kind}?${q}`);
}

async function uploadAll(engine: string, id: string, dir: string, files: File[]): Promise<void> {
  for (const f of files) {
    const res = await fetch(fileUrl('upload', engine, id, dir, f.name), { method: 'PUT', body: f, headers: { 'content-type': 'application/octet-stream' } });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new Error(body?.error?.message ?? `Uploading ${f.name} failed (HTTP ${res.status}).`);
    }
  }
}

export function FilesTab({ engine, id }: { engine: string; id: string }) {
  const trpc = useTRPC();
  const canChange = useCanChangeHydrated();
  const [path, setPath] = useState('/');
  const [typed, setTyped] = useState('/');
  const [open, setOpen] = useState<string | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [upload, setUpload] = useState<{ busy: boolean; error: unknown; done: string | null }>({ busy: false, error: null, done: null });
  const picker = useRef<HTMLInputElement>(null);
  const list = useQuery({ ...trpc.containers.files.queryOptions({ engine, id, path }), retry: false, refetchOnWindowFocus: false });

  const go = (to: string) => {
    setPath(to);
    setTyped(to);
    setScrollTop(0);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim()) go(typed.trim());
  };
  const activate = (entry: FileEntry) => {
    const target = childOf(path, entry.name);
    if (entry.type === 'dir' || entry.type === 'symlink') go(target);
    else setOpen(target);
  };
  const onFiles = async (files: File[]) => {
    if (!files.length) return;
    setUpload({ busy: true, error: null, done: null });
    try {
      await uploadAll(engine, id, path, files);
      setUpload({ busy: false, error: null, done: `Uploaded ${files.length === 1 ? files[0]!.name : `${files.length} files`} to ${path}.` });
      await list.refetch();
    } catch (err) {
      setUpload({ busy: false, error: err, done: null });
    }
  };

  const entries = list.data?.entries ?? [];
  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(entries.length, Math.ceil(scrollTop / ROW) + VIEW_ROWS + OVERSCAN);
  return (
    <div className="flex h-full min-h-0 flex-col">
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2 p-3" aria-label="Folder">
        <Button aria-label="Parent folder" title="Parent folder" onClick={() => go(parentOf(path))} disabled={path === '/'}>
          <ArrowUp aria-hidden />
        </Button>
        <Input aria-label="Path" className="min-w-64 flex-1 font-mono" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <Button type="submit">Go</Button>
        <Button aria-label="Refresh" title="Refresh" onClick={() => void list.refetch()}>
          <RefreshCw aria-hidden />
        </Button>
        <a className="text-[13px] text-accent hover:underline" href={fileUrl('download', engine, id, path)} download>
          Download folder
        </a>
        {canChange ? (
          <>
            <input ref={picker} type="file" multiple hidden aria-label="Files to upload" onChange={(e) => void onFiles([...(e.target.files ?? [])]).finally(() => (e.target.value = ''))} />
            <Button variant="primary" disabled={upload.busy} onClick={() => picker.current?.click()}>
              <Upload aria-hidden />
              {upload.busy ? 'Uploading…' : 'Upload'}
            </Button>
          </>
        ) : null}
      </form>
      {upload.error ? <ErrorBanner className="mx-3 mb-2" error={upload.error} /> : null}
      {upload.done ? (
        <p role="status" className="mx-3 mb-2 text-[12px] text-muted">
          {upload.done}
        </p>
      ) : null}
      {list.error ? <ErrorBanner className="mx-3 mb-2" error={list.error} /> : null}
      {list.data?.partial ? <p className="mx-3 mb-2 text-[12px] text-warn">This folder is very large: only its first {entries.length} entries are shown.</p> : null}
      {list.data && !entries.length ? <EmptyState title="This folder is empty" /> : null}
      {entries.length ? (
        <div className="min-h-0 flex-1 overflow-auto px-3" onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} style={{ maxHeight: open ? ROW * 12 : undefined }}>
          <table aria-label="Files" aria-rowcount={entries.length + 1} className="w-full table-fixed border-collapse text-[13px]">
            <thead className="sticky top-0 z-10 bg-bg">
              <tr className="text-left text-[12px] text-muted">
                <th className="px-2 py-1 font-medium">Name</th>
                <th className="w-24 px-2 py-1 text-right font-medium">Size</th>
                <th className="w-28 px-2 py-1 font-medium">Mode</th>
                <th className="w-24 px-2 py-1 font-medium">Owner</th>
                <th className="w-44 px-2 py-1 font-medium">Modified</th>
                <th className="w-24 px-2 py-1 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {first > 0 ? <tr aria-hidden style={{ height: first * ROW }} /> : null}
              {entries.slice(first, last).map((e, i) => (
                <tr key={`${first + i}:${e.name}`} aria-rowindex={first + i + 2} style={{ height: ROW }} className="border-b border-line/60 hover:bg-panel">
                  <td className="truncate px-2 font-mono text-[12px]" title={e.name}>
                    <button type="button" onClick={() => activate(e)} className="inline-flex max-w-full items-center gap-1.5 text-left hover:underline">
                      {e.type === 'dir' ? <Folder className="size-3.5 shrink-0 text-accent" aria-hidden /> : e.type === 'symlink' ? <Link2 className="size-3.5 shrink-0 text-muted" aria-hidden /> : <File className="size-3.5 shrink-0 text-muted" aria-hidden />}
                      <span className="truncate whitespace-pre">{e.name}</span>
                    </button>
                    {e.linkTarget ? <span className="ml-1 text-muted">→ {e.linkTarget}</span> : null}
                  </td>
                  <td className="px-2 text-right tabular-nums text-muted">{e.type === 'file' ? sizeString(e.size) : ''}</td>
                  <td className="px-2 font-mono text-[12px] text-muted">{modeString(e.type, e.mode)}</td>
                  <td className="truncate px-2 text-muted">{e.owner}</td>
                  <td className="truncate px-2 text-muted">{timeString(e.mtime)}</td>
                  <td className="px-2 text-right">
                    <a className="text-accent hover:underline" href={fileUrl('download', engine, id, childOf(path, e.name))} download aria-label={`Download ${e.name}`}>
                      Download
                    </a>
                  </td>
                </tr>
              ))}
              {last < entries.length ? <tr aria-hidden style={{ height: (entries.length - last) * ROW }} /> : null}
            </tbody>
          </table>
        </div>
      ) : null}
      {open ? <FileViewer engine={engine} id={id} path={open} canChange={canChange} downloadHref={fileUrl('download', engine, id, open)} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
