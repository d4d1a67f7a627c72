'use client';
// One image build from the Build page: packs and uploads a picked folder or tar when needed, then follows
// images.build over the tab's WebSocket; Cancel aborts the upload or ends the subscription (the engine stops).
import { useCallback, useEffect, useRef, useState } from 'react';
import { withBase } from '@/lib/base-path';
import { packFolder } from '@/lib/pack-files';
import { useTRPCClient } from '@/lib/trpc';

export type BuildSource = { kind: 'path'; path: string } | { kind: 'folder'; files: File[] } | { kind: 'tar'; file: File };

export interface BuildRequest {
  source: BuildSource;
  dockerfile?: string;
  tags: string[];
  buildArgs?: Record<string, string>;
  target?: string;
  noCache?: boolean;
  pull?: boolean;
}

export type BuildPhase = 'idle' | 'uploading' | 'building' | 'done' | 'failed' | 'cancelled';

export interface OutputLine {
  id: number;
  kind: 'step' | 'out' | 'info' | 'error';
  text: string;
}

/** Lines kept on screen; a longer build drops its oldest output (the engine's own log keeps nothing either). */
const MAX_LINES = 20_000;

/** Sends the context with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function upload(body: Blob, onProgress: (sent: number, total: number) => void, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withBase('/api/build-context'));
    xhr.setRequestHeader('content-type', 'application/x-tar');
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total);
    xhr.onload = () => {
      let parsed: { uploadId?: string; error?: { message?: string } } = {};
      try {
        parsed = JSON.parse(xhr.responseText) as typeof parsed;
      } catch {
        // A proxy's page instead of Berth's JSON: the status says enough.
      }
      if (xhr.status === 200 && parsed.uploadId) resolve(parsed.uploadId);
      else reject(new Error(parsed.error?.message ?? `The upload failed (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload failed: the connection to Berth was lost.'));
    xhr.onabort = () => reject(new DOMException('cancelled', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

export function useBuild(engine: string) {
  const client = useTRPCClient();
  const lines = useRef<OutputLine[]>([]);
  const pending = useRef<OutputLine[]>([]);
  const frame = useRef<number | null>(null);
  const nextId = useRef(0);
  const stop = useRef<(() => void) | null>(null);
  const [version, setVersion] = useState(0);
  const [phase, setPhase] = useState<BuildPhase>('idle');
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ imageId: string; tags: string[] } | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);

  const flush = useCallback(() => {
    frame.current = null;
    if (!pending.current.length) return;
    const next = lines.current.concat(pending.current);
    pending.current = [];
    lines.current = next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
    setVersion((v) => v + 1);
  }, []);

  const push = useCallback(
    (batch: { kind: OutputLine['kind']; text: string }[]) => {
      for (const l of batch) pending.current.push({ id: nextId.current++, kind: l.kind, text: l.text });
      frame.current ??= requestAnimationFrame(flush);
    },
    [flush],
  );

  const start = useCallback(
    async (req: BuildRequest) => {
      stop.current?.();
      lines.current = [];
      pending.current = [];
      setVersion((v) => v + 1);
      setError(null);
      setResult(null);
      setProgress(null);
      const abort = new AbortController();
      stop.current = () => abort.abort();
      let source: { kind: 'path'; path: string } | { kind: 'upload'; uploadId: string };
      try {
        if (req.source.kind === 'path') source = req.source;
        else {
          setPhase('uploading');
          const body = req.source.kind === 'tar' ? req.source.file : (await packFolder(req.source.files, req.dockerfile || 'Dockerfile')).blob;
          const uploadId = await upload(body, (sent, total) => setProgress({ sent, total }), abort.signal);
          source = { kind: 'upload', uploadId };
        }
      } catch (err) {
        setPhase(abort.signal.aborted ? 'cancelled' : 'failed');
        if (!abort.signal.aborted) setError(err);
        return;
      }
      if (abort.signal.aborted) return setPhase('cancelled');
      setPhase('building');
      const { source: _, ...options } = req;
      let started = false;
      const sub = client.images.build.subscribe(
        { engine, source, ...options },
        {
          onStarted() {
            started = true;
          },
          onConnectionStateChange(state) {
            // A lost connection ends the build on the server; the link would send the request again, which would
            // start another build (or find its upload gone). Stop here and say so instead.
            if (!started || state.state !== 'connecting') return;
            stop.current = null;
            sub.unsubscribe();
            flush();
            setError(new Error('The connection to Berth was lost, which stopped the build: start it again.'));
            setPhase('failed');
          },
          onData(event) {
            if (event.type === 'lines') push(event.lines);
            else setResult({ imageId: event.imageId, tags: event.tags });
          },
          onError(err) {
            stop.current = null;
            flush();
            setError(err);
            setPhase('failed');
          },
          onComplete() {
            stop.current = null;
            flush();
            setPhase((p) => (p === 'building' ? 'done' : p));
          },
        },
      );
      stop.current = () => {
        // Unsubscribing ends the procedure on the server, which closes the engine's request: the build stops.
        sub.unsubscribe();
        flush();
        setPhase('cancelled');
      };
    },
    [client, engine, push, flush],
  );

  const cancel = useCallback(() => {
    stop.current?.();
    stop.current = null;
  }, []);

  useEffect(
    () => () => {
      stop.current?.();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  return { lines: lines.current, version, phase, error, result, progress, start, cancel };
}
