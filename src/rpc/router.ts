// The tRPC app router: one sub-router per resource. `AppRouter` is the type a typed client imports.
import { adminRouter } from "./routers/admin";
import { batchesRouter } from "./routers/batches";
import { callbacksRouter } from "./routers/callbacks";
import { deliveryReportsRouter } from "./routers/delivery-reports";
import { groupsRouter } from "./routers/groups";
import { inboundsRouter } from "./routers/inbounds";
import { optOutsRouter } from "./routers/opt-outs";
import { simulatorRouter } from "./routers/simulator";
import { statsRouter } from "./routers/stats";
import { router } from "./trpc";

export const appRouter = router({
  batches: batchesRouter,
  deliveryReports: deliveryReportsRouter,
  groups: groupsRouter,
  inbounds: inboundsRouter,
  admin: adminRouter,
  simulator: simulatorRouter,
  optOuts: optOutsRouter,
  callbacks: callbacksRouter,
  stats: statsRouter,
});

export type AppRouter = typeof appRouter;
