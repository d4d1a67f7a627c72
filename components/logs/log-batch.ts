// Turns one containers.logs event (its lines in columns) into the line objects the viewer renders.
import type { LogColumns } from '@/server/streams/logs';

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
  /** Which container, in the merged view. */
  source?: string;
}

export function linesOf(stream: string, eventId: string, batch: LogColumns, source?: string): LogLine[] {
  const n = batch.text.length;
  const out = new Array<LogLine>(n);
  const prefix = `${stream}:${eventId}:`;
  for (let i = 0; i < n; i++) {
    const line: LogLine = { id: prefix + i, stream: 'stdout', ts: batch.ts[i] ?? '', text: batch.text[i] ?? '' };
    if (source !== undefined) line.source = source;
    out[i] = line;
  }
  for (const i of batch.stderr ?? []) if (out[i]) out[i].stream = 'stderr';
  for (const i of batch.truncated ?? []) if (out[i]) out[i].truncated = true;
  return out;
}
