// The application router: one sub-router per domain.
import { router } from '../trpc';
import { accessRouter } from './access';
import { containersRouter } from './containers';
import { enginesRouter } from './engines';
import { imagesRouter } from './images';
import { networksRouter } from './networks';
import { registriesRouter } from './registries';
import { swarmRouter } from './swarm';
import { systemRouter } from './system';
import { vmRouter } from './vm';
import { volumesRouter } from './volumes';

export const appRouter = router({
  engines: enginesRouter,
  access: accessRouter,
  containers: containersRouter,
  images: imagesRouter,
  volumes: volumesRouter,
  networks: networksRouter,
  system: systemRouter,
  vm: vmRouter,
  registries: registriesRouter,
  swarm: swarmRouter,
});

export type AppRouter = typeof appRouter;
