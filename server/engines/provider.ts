// What a source of Docker engines offers the registry: the local socket, DOCKER_HOST, docker contexts, Berth's VM.
import type { EndpointSpec } from './contexts';

export interface EngineOffer {
  engines: EndpointSpec[];
  /** The engine this source would make current. Later sources are more specific and win, as in the docker CLI. */
  preferred?: string;
}

export interface EngineProvider {
  readonly id: string;
  /**
   * Berth runs these engines itself: a docker context pointing at the same host is the same engine under another
   * name (the context "berth" Berth writes for its VM), so it is shown once, under this source's name.
   */
  readonly owned?: boolean;
  /** What the source offers now, read again at every discovery: no network, no side effects. */
  offer(): EngineOffer;
  /**
   * Starts the source's own watch; `changed` is called whenever `offer()` would answer differently. Sources without
   * one are read again when engines are listed. Returns what stops the watch.
   */
  watch?(changed: () => void): () => void;
}
