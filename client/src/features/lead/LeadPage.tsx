import { useQuery } from "@apollo/client/react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { graphql } from "../../gql";
import { useLiveSubscription } from "../../live/useLiveSubscription";
import { Link, paths } from "../../router";
import { LeadSummary } from "./LeadSummary";

const LeadPageQuery = graphql(`
  query LeadPage($id: ID!) {
    lead(id: $id) {
      id
      ...LeadSummary_lead
    }
  }
`);

const LeadPageEvents = graphql(`
  subscription LeadPageEvents($filter: LeadEventFilter) {
    leadEvents(filter: $filter) {
      ...LiveEvent_event
      lead {
        id
        ...LeadSummary_lead
      }
    }
  }
`);

/**
 * One lead, read-only for now: the editable page (fields, timeline, notes,
 * ownership, score, duplicates, conversion, and later the reply composer)
 * grows inside this folder behind the same `LeadPage` entry.
 */
export function LeadPage(props: { id: string }) {
  const { data, error, loading } = useQuery(LeadPageQuery, { variables: { id: props.id } });
  // Teammates' changes to this lead land in the cache, so the page stays current.
  useLiveSubscription(LeadPageEvents, { filter: { leadIds: [props.id] } }, (d) => d.leadEvents);

  if (error) return <ErrorMessage error={error} />;
  if (loading && !data) return <p className="muted">Loading…</p>;
  if (!data?.lead) {
    return (
      <section className="empty">
        <h1>Lead not found</h1>
        <p>It does not exist or is not visible to you.</p>
        <Link to={paths.inbox()}>Back to the inbox</Link>
      </section>
    );
  }
  return <LeadSummary lead={data.lead} />;
}
