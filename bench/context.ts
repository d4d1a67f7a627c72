// What every benchmark is given: the private engine, Berth's port and token, and a way to report.
import type { EngineRegistry } from '../server/engines/registry';
import type { TestEngine } from '../test/engine';

export interface BenchContext {
  engine: TestEngine;
  registry: EngineRegistry;
  port: number;
  token: string;
  /** A signed-in browser's cookie header for Berth. */
  sessionCookie(): Promise<string>;
  report(title: string, rows: [string, string][]): void;
}
