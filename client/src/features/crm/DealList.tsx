import { Card } from "../../components/Card";
import { type FragmentType, graphql, useFragment } from "../../gql";

export const DealListFragment = graphql(`
  fragment DealList_deal on Deal {
    id
    name
    stage
    amount
    currency
    probability
    closeDate
  }
`);

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function money(amount: number | null | undefined, currency: string | null | undefined): string | null {
  if (amount == null) return null;
  if (!currency) return new Intl.NumberFormat().format(amount);
  return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(amount);
}

/** Deals made by converting the record's leads: name, stage, amount, probability and close date. */
export function DealList(props: { deals: ReadonlyArray<FragmentType<typeof DealListFragment>> }) {
  const deals = useFragment(DealListFragment, props.deals);
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby="record-deals-title">
      <h2 id="record-deals-title" className="lead-section__title">
        Deals
      </h2>
      {deals.length === 0 ? (
        <p className="muted">No deals yet: converting a lead with a deal adds one here.</p>
      ) : (
        <ul className="record-list" aria-label="Deals">
          {deals.map((deal) => (
            <li key={deal.id} className="record-list__item">
              <div>
                <strong>{deal.name}</strong>
                <span className="lead-table__sub">
                  {[
                    deal.stage,
                    deal.probability != null ? `${deal.probability} %` : null,
                    deal.closeDate ? `closes ${dateFormat.format(new Date(deal.closeDate))}` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </span>
              </div>
              <span>{money(deal.amount, deal.currency)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
