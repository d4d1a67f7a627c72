'use client';
// One terminal session in the browser: xterm.js in `host`, a WebSocket to <base>/api/exec, resize following the
// element's size, and what ended it (the process, a refusal, or a lost connection) as state.
import { useEffect, useRef, useState } from 'react';
import type { Terminal } from '@xterm/xterm';
import type { SearchAddon } from '@xterm/addon-search';
import { BASE_PATH } from '@/lib/base-path';
import { execQuery, parseServerControl } from '@/lib/exec-protocol';

export interface SessionOptions {
  mode: 'exec' | 'attach';
  command: string;
  user: string;
  workdir: string;
}

export type SessionState =
  | { kind: 'connecting' }
  | { kind: 'open'; command: string; mode: 'exec' | 'attach' }
  | { kind: 'ended'; code: number | null }
  | { kind: 'refused'; reason: string; message: string }
  | { kind: 'lost' };

const THEME = { background: '#16181d', foreground: '#e6e6e6', cursor: '#e6e6e6', selectionBackground: '#3a4b6b' };
const encoder = new TextEncoder();
/** Output xterm has been given but not yet drawn: above HIGH Berth is asked to hold the engine, below LOW to go on. */
const FLOW_HIGH = 1 << 20;
const FLOW_LOW = 128 * 1024;

export function useXtermSession(host: React.RefObject<HTMLDivElement | null>, engine: string, id: string, options: SessionOptions, attempt: number) {
  const [state, setState] = useState<SessionState>({ kind: 'connecting' });
  const search = useRef<SearchAddon | null>(null);
  const term = useRef<Terminal | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let ws: WebSocket | undefined;
    let observer: ResizeObserver | undefined;
    let terminal: Terminal | undefined;
    setState({ kind: 'connecting' });
    void (async () => {
      const [{ Terminal }, { FitAddon }, { SearchAddon }] = await Promise.all([import('@xterm/xterm'), import('@xterm/addon-fit'), import('@xterm/addon-search')]);
      if (disposed) return;
      terminal = new Terminal({ cursorBlink: true, fontSize: 13, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', scrollback: 10_000, theme: THEME, allowProposedApi: true });
      const fit = new FitAddon();
      const finder = new SearchAddon();
      terminal.loadAddon(fit);
      terminal.loadAddon(finder);
      terminal.open(el);
      fit.fit();
      term.current = terminal;
      search.current = finder;
      // Ctrl-Shift-C copies the selection; Ctrl-Shift-V is left to the browser, whose paste event xterm reads.
      terminal.attachCustomKeyEventHandler((e) => {
        if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && e.code === 'KeyC') {
          const text = terminal?.getSelection();
          if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
          return false;
        }
        if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && e.code === 'KeyV') return false;
        return true;
      });
      const q = execQuery({ engine, id, mode: options.mode, command: options.command.trim(), user: options.user.trim(), workdir: options.workdir.trim(), cols: terminal.cols, rows: terminal.rows });
      ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BASE_PATH}/api/exec?${q}`);
      ws.binaryType = 'arraybuffer';
      let outcome: SessionState | null = null;
      const socket = ws;
      let pending = 0;
      let held = false;
      const flow = (paused: boolean) => {
        held = paused;
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'flow', paused }));
      };
      socket.onmessage = (e) => {
        // Bytes go to xterm as they are: it keeps a character split across frames whole.
        if (typeof e.data !== 'string') {
          const bytes = new Uint8Array(e.data as ArrayBuffer);
          pending += bytes.length;
          terminal?.write(bytes, () => {
            pending -= bytes.length;
            if (held && pending < FLOW_LOW) flow(false);
          });
          if (!held && pending > FLOW_HIGH) flow(true);
          return;
        }
        const m = parseServerControl(e.data);
        if (m?.type === 'ready') setState({ kind: 'open', command: m.command, mode: m.mode });
        else if (m?.type === 'exit') outcome = { kind: 'ended', code: m.code };
        else if (m?.type === 'error') outcome = { kind: 'refused', reason: m.code, message: m.message };
      };
      socket.onclose = () => {
        if (disposed) return;
        setState(outcome ?? { kind: 'lost' });
        terminal?.options && (terminal.options.cursorBlink = false);
      };
      terminal.onData((d) => socket.readyState === WebSocket.OPEN && socket.send(encoder.encode(d)));
      terminal.onBinary((d) => socket.readyState === WebSocket.OPEN && socket.send(Uint8Array.from(d, (c) => c.charCodeAt(0))));
      terminal.onResize(({ cols, rows }) => socket.readyState === WebSocket.OPEN && socket.send(JSON.stringify({ type: 'resize', cols, rows })));
      observer = new ResizeObserver(() => {
        try {
          fit.fit();
        } catch {
          // The element is gone or hidden: nothing to fit.
        }
      });
      observer.observe(el);
      terminal.focus();
    })();
    return () => {
      disposed = true;
      observer?.disconnect();
      ws?.close();
      terminal?.dispose();
      term.current = null;
      search.current = null;
    };
  }, [host, engine, id, options, attempt]);

  return { state, search, term };
}
