import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { graphql } from "../../gql";
import { useViewerAccess } from "../auth/useViewer";
import { QueuesCard } from "./QueuesCard";
import { RoutingPreviewCard } from "./RoutingPreviewCard";
import { RoutingRulesCard } from "./RoutingRulesCard";

export const RoutingAdminQuery = graphql(`
  query RoutingAdmin {
    queues {
      id
      name
      ...QueueEditor_queue
    }
    routingRules {
      id
      ...RoutingRules_rule
    }
    users {
      id
      name
      roles
    }
  }
`);

// Capture forms are the marketers' and admins' (a manager configures routing without them).
const RoutingFormsQuery = graphql(`
  query RoutingForms {
    captureForms {
      id
      name
    }
  }
`);

/** Issue 16's routing: queues and who is on them, the ordered rules that fill them, and a preview. */
export function RoutingAdminPage() {
  const { permissions } = useViewerAccess();
  const { data, error } = useQuery(RoutingAdminQuery);
  const forms = useQuery(RoutingFormsQuery, { skip: !permissions.forms });
  const [rulesDirty, setRulesDirty] = useState(false);
  if (error && !data) return <ErrorMessage error={error} />;
  return (
    <section className="admin">
      <h1 className="page-title">Routing</h1>
      <p className="muted admin__intro">
        A new lead from a form, the webhook, the API or an import is scored, then sent to the queue of the first rule it
        matches; the queue picks its owner among its active members.
      </p>
      {!data ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <QueuesCard queues={data.queues} users={data.users} />
          <RoutingRulesCard
            rules={data.routingRules}
            queues={data.queues}
            forms={forms.data?.captureForms ?? null}
            onDirtyChange={setRulesDirty}
          />
          <RoutingPreviewCard forms={forms.data?.captureForms ?? null} rulesDirty={rulesDirty} />
        </>
      )}
    </section>
  );
}
