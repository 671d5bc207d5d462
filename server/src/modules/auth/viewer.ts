import type { Permissions, Role } from "@leadline/shared";

/** Who is making a request: a signed-in user, or an API key acting as its user with the key's roles. */
export interface Viewer {
  tenantId: string;
  userId: string;
  roles: Role[];
  permissions: Permissions;
  partnerCompanyId: string | null;
  via:
    | { kind: "session"; sessionId: string }
    | { kind: "apiKey"; apiKeyId: string }
    /** A signed inbound webhook, acting as the admin who set its secret. */
    | { kind: "webhook"; secretId: string }
    /** A public capture form's submission, acting as the person who last saved the form. */
    | { kind: "form"; formId: string };
  /**
   * The tenant's configuration version, read with the credential: hot paths
   * reuse configuration cached at this version (TenantConfigCache). Absent
   * where a viewer is made without that read: configuration is then read afresh.
   */
  configVersion?: number;
}

/**
 * A viewer kept past its request (a socket's, for hours): without its
 * configuration version, which would name the configuration of when it
 * connected, so everything it reads of the configuration is read afresh.
 */
export function longLivedViewer(viewer: Viewer): Viewer {
  const { configVersion: _, ...rest } = viewer;
  return rest;
}

/** The id of the session or API key a viewer came with. */
export function credentialOf({ via }: Pick<Viewer, "via">): string {
  switch (via.kind) {
    case "session":
      return via.sessionId;
    case "apiKey":
      return via.apiKeyId;
    case "webhook":
      return via.secretId;
    case "form":
      return via.formId;
  }
}
