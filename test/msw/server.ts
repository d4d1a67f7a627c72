// The one msw server for component tests; defaults per domain, each test overrides with server.use(...).
import { setupServer } from 'msw/node';
import { accessHandlers } from './handlers/access';
import { containersHandlers } from './handlers/containers';
import { enginesHandlers } from './handlers/engines';

export const server = setupServer(...accessHandlers, ...containersHandlers, ...enginesHandlers);
