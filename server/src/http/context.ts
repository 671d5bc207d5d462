import type { DatabaseHandle } from "../db/client.js";
import type { Context } from "../graphql/context.js";
import { createLoaders } from "../graphql/loaders.js";
import type { Logger } from "../logger.js";
import type { Viewer } from "../modules/auth/viewer.js";
import type { Services } from "../modules/services.js";

export type ContextFor = (viewer: Viewer | null) => Context;

/** A fresh GraphQL context per operation, HTTP or WebSocket, with loaders scoped to the viewer's tenant. */
export function contextFactory(database: DatabaseHandle, services: Services, log: Logger): ContextFor {
  return (viewer) => ({
    viewer,
    services,
    loaders: createLoaders(database.db, viewer, services.pipelines),
    log,
  });
}
