import { ApiKeysCard } from "./ApiKeysCard";
import { WebhookEndpointsCard } from "./WebhookEndpointsCard";
import { WebhookSecretCard } from "./WebhookSecretCard";

/** Issue 16's integrations: how machines get in (API keys, the signed webhook) and where events go out. */
export function IntegrationsAdminPage() {
  return (
    <section className="admin">
      <h1 className="page-title">Integrations</h1>
      <ApiKeysCard />
      <WebhookSecretCard />
      <WebhookEndpointsCard />
    </section>
  );
}
