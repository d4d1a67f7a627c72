// Reads the engine's JSON progress lines of a pull or push into per-layer progress, overall bytes and the digest.
import type { LayerProgress, TransferKind } from '@/lib/transfer';

/** One line of the engine's progress stream (docker's jsonmessage). */
export interface ProgressLine {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: { Tag?: string; Digest?: string; Size?: number };
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

interface Layer extends LayerProgress {
  /** Bytes moved over the network (download or upload), which the overall bar counts. */
  moved: number;
  /** The layer's transfer size, kept when a later phase (extracting) reports other totals. */
  size: number;
}

// A layer line's id is a short layer id; other lines with an id name the tag ("latest: Pulling from …").
const LAYER_ID = /^[0-9a-f]{12}$/;
const DONE = /^(Pull complete|Already exists|Pushed|Layer already exists|Mounted from .*)$/;
// Phases after the bytes came over the network: the layer's download is whole.
const MOVED = /^(Download complete|Verifying Checksum|Extracting|Pull complete|Pushed)$/;
const DIGEST = /(?:^|\s)(?:Digest|digest): (sha256:[0-9a-f]{64})/;

export class TransferProgress {
  private readonly layers = new Map<string, Layer>();
  /** The layers in the order the engine first named them, as an array so a snapshot is a cheap map. */
  private readonly order: Layer[] = [];
  digest?: string;
  message?: string;
  /** The engine's error line, when the transfer failed inside the stream. */
  error?: string;
  /** Bumped on every change, so watchers know when there is something new. */
  version = 0;

  constructor(readonly kind: TransferKind) {}

  apply(line: ProgressLine): void {
    this.version++;
    if (line.error || line.errorDetail) {
      this.error = line.errorDetail?.message || line.error || 'unknown error';
      return;
    }
    if (line.aux?.Digest) this.digest = line.aux.Digest;
    const status = line.status ?? '';
    if (line.id && LAYER_ID.test(line.id)) return this.applyLayer(line.id, status, line.progressDetail);
    const digest = DIGEST.exec(status);
    if (digest) this.digest = digest[1];
    if (status) this.message = line.id ? `${line.id}: ${status}` : status;
  }

  private applyLayer(id: string, status: string, detail: ProgressLine['progressDetail']): void {
    let layer = this.layers.get(id);
    if (!layer) {
      layer = { id, status, current: 0, total: 0, done: false, moved: 0, size: 0 };
      this.layers.set(id, layer);
      this.order.push(layer);
    }
    layer.status = status;
    const current = detail?.current ?? 0;
    const total = detail?.total ?? 0;
    if (status === 'Downloading' || status === 'Pushing') {
      layer.current = current;
      // A push may send a layer whose size the engine does not know ahead; its total then grows with it.
      layer.total = Math.max(total, current);
      layer.size = layer.total;
      layer.moved = current;
    } else if (status === 'Extracting') {
      layer.current = current;
      layer.total = total || layer.size;
    }
    if (MOVED.test(status)) layer.moved = layer.size;
    if (DONE.test(status)) {
      layer.done = true;
      layer.current = layer.total = layer.moved = layer.size;
    }
  }

  /** Copies of the layers as the snapshot shape (no internal fields), and the overall bytes. */
  snapshot(): { layers: LayerProgress[]; current: number; total: number } {
    let current = 0;
    let total = 0;
    const layers = this.order.map((l) => {
      current += l.moved;
      total += l.size;
      return { id: l.id, status: l.status, current: l.current, total: l.total, done: l.done };
    });
    return { layers, current, total };
  }
}

/** Splits a byte stream of newline-delimited JSON into progress lines; a line that is not JSON is kept as a message. */
export async function* progressLines(stream: AsyncIterable<Buffer>): AsyncGenerator<ProgressLine[]> {
  let rest = '';
  for await (const chunk of stream) {
    rest += chunk.toString('utf8');
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    const lines = parts.filter((p) => p.trim()).map(parseLine);
    if (lines.length) yield lines;
  }
  if (rest.trim()) yield [parseLine(rest)];
}

function parseLine(text: string): ProgressLine {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as ProgressLine) : { status: String(value) };
  } catch {
    return { status: text.trim().slice(0, 1000) };
  }
}
