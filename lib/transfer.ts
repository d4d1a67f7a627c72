// The shape of a pull or push as the server reports it and the browser draws it: one snapshot of the whole operation.

export interface LayerProgress {
  /** The layer's short id as the engine names it (12 hex digits). */
  id: string;
  /** The engine's words for where the layer is: "Downloading", "Extracting", "Pull complete", "Pushed", … */
  status: string;
  /** Bytes done in the current phase (download, extract or upload). */
  current: number;
  /** The layer's size in bytes, 0 while the engine has not said. */
  total: number;
  done: boolean;
}

export type TransferKind = 'pull' | 'push';
export type TransferState = 'running' | 'done' | 'failed' | 'cancelled';
export type TransferFailure = 'not-found' | 'denied' | 'unreachable' | 'disk-full' | 'platform' | 'other';

export interface TransferSnapshot {
  opId: string;
  kind: TransferKind;
  engine: string;
  ref: string;
  state: TransferState;
  layers: LayerProgress[];
  /** Bytes done over every layer whose size is known. */
  current: number;
  total: number;
  /** The manifest digest the registry gave, once the transfer finished. */
  digest?: string;
  error?: { message: string; reason: TransferFailure; registry?: string };
  /** The engine's last line that is not about one layer ("Pulling from library/busybox", "Status: …"). */
  message?: string;
  startedAt: number;
  endedAt?: number;
}

/** Whether the operation has ended, one way or another. */
export function isFinished(snapshot: Pick<TransferSnapshot, 'state'>): boolean {
  return snapshot.state !== 'running';
}

/** Overall progress from 0 to 1; a finished transfer is full. */
export function transferRatio(snapshot: Pick<TransferSnapshot, 'state' | 'current' | 'total'>): number {
  if (snapshot.state === 'done') return 1;
  if (snapshot.total <= 0) return 0;
  return Math.min(1, snapshot.current / snapshot.total);
}
