import { type FragmentType, graphql, useFragment } from "../../gql";

const ConvertedBannerFragment = graphql(`
  fragment ConvertedBanner_lead on Lead {
    id
    convertedContact {
      id
      firstName
      lastName
      email
    }
    convertedCompany {
      id
      name
    }
    convertedDeal {
      id
      name
    }
  }
`);

/** What a converted lead became; the lead itself is read-only from then on. */
export function ConvertedBanner(props: { lead: FragmentType<typeof ConvertedBannerFragment> }) {
  const {
    convertedContact: contact,
    convertedCompany: company,
    convertedDeal: deal,
  } = useFragment(ConvertedBannerFragment, props.lead);
  const contactName = contact ? [contact.firstName, contact.lastName].filter(Boolean).join(" ") || contact.email : null;
  return (
    <div className="converted-banner" role="status" data-testid="converted-banner">
      <strong>Converted</strong>
      <span>
        This lead is read-only.
        {contactName && (
          <>
            {" "}
            Contact: <strong>{contactName}</strong>.
          </>
        )}
        {company && (
          <>
            {" "}
            Company: <strong>{company.name}</strong>.
          </>
        )}
        {deal && (
          <>
            {" "}
            Deal: <strong>{deal.name}</strong>.
          </>
        )}
      </span>
    </div>
  );
}
