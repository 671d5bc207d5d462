import { Card } from "../../components/Card";
import { type FragmentType, graphql, useFragment } from "../../gql";
import { dateTime } from "./date-time";

const AttributionCardFragment = graphql(`
  fragment AttributionCard_lead on Lead {
    id
    attribution {
      utmSource
      utmMedium
      utmCampaign
      utmTerm
      utmContent
      sourceUrl
      referrer
      firstTouchAt
    }
  }
`);

const ATTRIBUTION_LABELS = {
  utmSource: "UTM source",
  utmMedium: "UTM medium",
  utmCampaign: "UTM campaign",
  utmTerm: "UTM term",
  utmContent: "UTM content",
  sourceUrl: "Source URL",
  referrer: "Referrer",
} as const;

/** Where the lead came from: the UTM tags, pages and first touch recorded when it arrived. */
export function AttributionCard(props: { lead: FragmentType<typeof AttributionCardFragment> }) {
  const { attribution } = useFragment(AttributionCardFragment, props.lead);
  const rows = attribution
    ? (Object.keys(ATTRIBUTION_LABELS) as (keyof typeof ATTRIBUTION_LABELS)[]).filter((k) => attribution[k])
    : [];
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby="lead-attribution-title">
      <h2 id="lead-attribution-title" className="lead-section__title">
        Attribution
      </h2>
      {attribution && (rows.length > 0 || attribution.firstTouchAt) ? (
        <dl className="kv">
          {rows.map((k) => (
            <div key={k}>
              <dt>{ATTRIBUTION_LABELS[k]}</dt>
              <dd>{attribution[k]}</dd>
            </div>
          ))}
          {attribution.firstTouchAt && (
            <div>
              <dt>First touch</dt>
              <dd>{dateTime.format(new Date(attribution.firstTouchAt))}</dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted">No attribution recorded.</p>
      )}
    </Card>
  );
}
