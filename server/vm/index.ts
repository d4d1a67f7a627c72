// The VM provider's interface: Berth's own Linux VM with Docker Engine inside, registered as the engine "vm".
export type VmState = 'not-built' | 'stopped' | 'starting' | 'running' | 'stopping' | 'error';

export interface VmStatus {
  state: VmState;
  message?: string;
}

export interface VmLifecycleContext {
  log: (line: string) => void;
  signal?: AbortSignal;
}

export interface VmProvider {
  status(): Promise<VmStatus>;
  start(ctx: VmLifecycleContext): Promise<void>;
  stop(ctx: VmLifecycleContext): Promise<void>;
  delete(ctx: VmLifecycleContext): Promise<void>;
}
