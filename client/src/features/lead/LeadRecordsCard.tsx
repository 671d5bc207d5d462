import { useMutation } from "@apollo/client/react";
import { useId } from "react";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { type FragmentType, graphql, useFragment } from "../../gql";
import { Link, paths } from "../../router";
import { useViewerAccess } from "../auth/useViewer";
import { contactName } from "../crm/record-names";
import { useLeadAction } from "./useLeadAction";
import { workRefusal } from "./work-refusal";

const LeadRecordsCardFragment = graphql(`
  fragment LeadRecordsCard_lead on Lead {
    id
    readOnly
    viewerMayWork
    owner {
      id
    }
    claimedBy {
      id
      name
    }
    company {
      id
      name
    }
    contact {
      id
      firstName
      lastName
      email
      phone
      saved
    }
    convertedCompany {
      id
      name
    }
    convertedContact {
      id
      firstName
      lastName
      email
      phone
      saved
    }
  }
`);

const SaveContact = graphql(`
  mutation SaveContact($id: ID!) {
    saveContact(id: $id, saved: true) {
      id
      saved
    }
  }
`);

/** The company and contact records the lead belongs to, linked, and seed 001's "save to Contacts". */
export function LeadRecordsCard(props: { lead: FragmentType<typeof LeadRecordsCardFragment> }) {
  const lead = useFragment(LeadRecordsCardFragment, props.lead);
  const viewer = useViewerAccess();
  const id = useId();
  const act = useLeadAction();
  const [save, saving] = useMutation(SaveContact, { variables: { id: lead.id } });
  const company = lead.company ?? lead.convertedCompany;
  const contact = lead.contact ?? lead.convertedContact;
  if (!company && !contact) return null;
  const reason = workRefusal(lead, viewer);
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lead-section__title">
        Company and contact
      </h2>
      <dl className="kv">
        <div>
          <dt>Company</dt>
          <dd>{company ? <Link to={paths.company(company.id)}>{company.name}</Link> : "None"}</dd>
        </div>
        <div>
          <dt>Contact</dt>
          <dd>
            {contact ? <Link to={paths.contact(contact.id)}>{contactName(contact)}</Link> : "None"}
            {contact?.saved && (
              <>
                {" "}
                <Badge tone="success">Saved</Badge>
              </>
            )}
          </dd>
        </div>
      </dl>
      {contact && !contact.saved && !lead.readOnly && (
        <div className="stack-form">
          <div className="lead-section__actions">
            <Button
              size="sm"
              disabled={reason !== null || saving.loading}
              aria-describedby={reason ? `${id}-reason` : undefined}
              onClick={() => act(save, "Saved to contacts")}
            >
              Save to contacts
            </Button>
          </div>
          {reason && (
            <p className="muted field__hint control-reason" id={`${id}-reason`}>
              {reason}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
