#!/usr/bin/env node
// Entry point of the `berth` command: loads the TypeScript server through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli.ts');
