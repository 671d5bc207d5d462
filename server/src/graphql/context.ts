import { unauthenticated } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Viewer } from "../modules/auth/viewer.js";
import type { Services } from "../modules/services.js";
import type { Loaders } from "./loaders.js";

export interface Context {
  viewer: Viewer | null;
  services: Services;
  /** Per-request batch loaders, scoped to the viewer's tenant. */
  loaders: Loaders;
  log: Logger;
  /** Over WebSocket: closes this client's connection (slow consumers). */
  closeConnection?: (code: number, reason: string) => void;
}

export function viewerOrThrow(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
