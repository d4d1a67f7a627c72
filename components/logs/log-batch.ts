// Turns one log event (containers.logs or swarm.serviceLogs: its lines in columns) into the line objects the viewer renders.
import type { LogColumns } from '@/server/streams/logs';

/** A service's log names each line's task and node in one more column. */
export type LogEventColumns = LogColumns & { source?: string[] };

/**
 * `stream` names one subscription; a line's id is that, the event's id and the line's position in the event:
 * unique on the page and derived here rather than sent with every line.
 */
export interface LogLine {
  id: string;
  stream: 'stdout' | 'stderr';
  ts: string;
  text: string;
  truncated?: boolean;
  /** Which container, in the merged view; which task and node, in a service's log. */
  source?: string;
}

export function linesOf(stream: string, eventId: string, batch: LogEventColumns, source?: string): LogLine[] {
  const n = batch.text.length;
  const out = new Array<LogLine>(n);
  const prefix = `${stream}:${eventId}:`;
  for (let i = 0; i < n; i++) {
    const line: LogLine = { id: prefix + i, stream: 'stdout', ts: batch.ts[i] ?? '', text: batch.text[i] ?? '' };
    const tag = source ?? batch.source?.[i];
    if (tag !== undefined) line.source = tag;
    out[i] = line;
  }
  for (const i of batch.stderr ?? []) if (out[i]) out[i].stream = 'stderr';
  for (const i of batch.truncated ?? []) if (out[i]) out[i].truncated = true;
  return out;
}
