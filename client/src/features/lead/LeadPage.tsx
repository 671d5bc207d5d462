import { useQuery } from "@apollo/client/react";
import { Badge } from "../../components/Badge";
import { Card } from "../../components/Card";
import { ErrorMessage } from "../../components/ErrorMessage";
import { graphql } from "../../gql";
import { BAND_LABELS, BAND_TONES, SOURCE_LABELS, STAGE_TONES } from "../../labels";
import { useCatchUp, useLiveEvents } from "../../live/LiveProvider";
import { useLiveSubscription } from "../../live/useLiveSubscription";
import { Link, paths } from "../../router";
import { SlaBadge } from "../sla/SlaBadge";
import { AttributionCard } from "./AttributionCard";
import { ConvertSection } from "./ConvertDialog";
import { ConvertedBanner } from "./ConvertedBanner";
import { LeadDetailsForm } from "./LeadDetailsForm";
import { DuplicatesCard } from "./LeadDuplicates";
import { LeadExtrasCard } from "./LeadExtrasCard";
import { LeadRecordsCard } from "./LeadRecordsCard";
import { LeadTimeline } from "./LeadTimeline";
import { MessagesCard } from "./MessagesCard";
import { NextActionCard } from "./NextActionCard";
import { OwnershipCard } from "./OwnershipCard";
import { ScoreCard } from "./ScoreCard";
import { StatusCard } from "./StatusCard";

// The page reads its header's fields; each card declares what it reads in its own fragment.
const LeadPageQuery = graphql(`
  query LeadPage($id: ID!) {
    catchUpCursor
    lead(id: $id) {
      id
      requestId
      name
      source
      companyName
      company {
        id
        name
      }
      score
      scoreBand
      readOnly
      version
      stage {
        key
        label
        category
      }
      ...SlaBadge_lead
      ...ConvertedBanner_lead
      ...LeadDetailsForm_lead
      ...LeadTimeline_lead
      ...OwnershipCard_lead
      ...NextActionCard_lead
      ...ConvertSection_lead
      ...ScoreCard_lead
      ...DuplicatesCard_lead
      ...AttributionCard_lead
      ...MessagesCard_lead
      ...StatusCard_lead
      ...LeadRecordsCard_lead
      ...LeadExtrasCard_lead
    }
  }
`);

const LeadPageEvents = graphql(`
  subscription LeadPageEvents($filter: LeadEventFilter) {
    leadEvents(filter: $filter) {
      ...LiveEvent_event
    }
  }
`);

/**
 * One lead: its fields, ownership, next action, score, duplicates and
 * conversion beside a live timeline. Every change anyone makes to the lead
 * arrives as an event, and the page reads the lead again, so the timeline,
 * the version and the read-only state stay current.
 */
export function LeadPage(props: { id: string }) {
  const { data, error, loading, refetch } = useQuery(LeadPageQuery, { variables: { id: props.id } });
  useLiveSubscription(LeadPageEvents, { filter: { leadIds: [props.id] } }, (d) => d.leadEvents);
  useCatchUp(data?.catchUpCursor, props.id);
  useLiveEvents((event) => {
    if (event.lead?.id === props.id) void refetch().catch(() => undefined);
  });

  if (error && !data) return <ErrorMessage error={error} />;
  if (loading && !data) return <p className="muted">Loading…</p>;
  const lead = data?.lead;
  if (!lead) {
    return (
      <section className="empty">
        <h1>Lead not found</h1>
        <p>It does not exist, was merged into another lead, or is not visible to you.</p>
        <Link to={paths.inbox()}>Back to the inbox</Link>
      </section>
    );
  }
  return (
    <article className="lead-page" data-testid="lead-page" data-version={lead.version}>
      <header className="lead-page__header">
        <div>
          <p className="muted">
            #{lead.requestId} · {SOURCE_LABELS[lead.source]}
          </p>
          <h1 className="page-title">{lead.name}</h1>
          {lead.company ? (
            <p className="muted">
              <Link to={paths.company(lead.company.id)}>{lead.company.name}</Link>
            </p>
          ) : (
            lead.companyName && <p className="muted">{lead.companyName}</p>
          )}
        </div>
        <div className="lead-page__badges">
          <Badge tone={STAGE_TONES[lead.stage.category]}>{lead.stage.label}</Badge>
          <Badge tone={BAND_TONES[lead.scoreBand]} title={`Score ${lead.score} of 100`}>
            {BAND_LABELS[lead.scoreBand]} · {lead.score}
          </Badge>
          {!lead.readOnly && <SlaBadge lead={lead} />}
        </div>
      </header>
      {lead.readOnly && <ConvertedBanner lead={lead} />}
      <div className="lead-page__layout">
        <div className="lead-page__main">
          <LeadDetailsForm lead={lead} />
          <LeadTimeline lead={lead} />
          <MessagesCard lead={lead} />
        </div>
        <aside className="lead-page__side" aria-label="Lead actions">
          <StatusCard lead={lead} />
          <OwnershipCard lead={lead} />
          <LeadRecordsCard lead={lead} />
          <LeadExtrasCard lead={lead} />
          <NextActionCard lead={lead} />
          <ConvertSection lead={lead} />
          <ScoreCard lead={lead} />
          <DuplicatesCard lead={lead} />
          <AttributionCard lead={lead} />
        </aside>
      </div>
    </article>
  );
}
