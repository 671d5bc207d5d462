import { ApiKeysCard } from "./ApiKeysCard";
import { MessagingProvidersCard } from "./MessagingProvidersCard";
import { WebhookEndpointsCard } from "./WebhookEndpointsCard";
import { WebhookSecretCard } from "./WebhookSecretCard";

/**
 * Issue 16's integrations: how machines get in (API keys, the signed webhook), where events go out, and the
 * providers email and SMS leave through.
 */
export function IntegrationsAdminPage() {
  return (
    <section className="admin">
      <h1 className="page-title">Integrations</h1>
      <ApiKeysCard />
      <WebhookSecretCard />
      <WebhookEndpointsCard />
      <MessagingProvidersCard />
    </section>
  );
}
