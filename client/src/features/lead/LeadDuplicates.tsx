import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { describeError } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import { Link, paths } from "../../router";
import { useViewerAccess } from "../auth/useViewer";

const DuplicatesCardFragment = graphql(`
  fragment DuplicatesCard_lead on Lead {
    id
    readOnly
    duplicates {
      lead {
        id
        name
        email
        companyName
      }
      contact {
        id
        firstName
        lastName
        email
      }
      reasons
      confidence
    }
  }
`);

const MergeLeads = graphql(`
  mutation MergeLeads($targetId: ID!, $sourceId: ID!) {
    mergeLeads(targetId: $targetId, sourceId: $sourceId) {
      id
      version
    }
  }
`);

const REASON_LABELS: Record<string, string> = {
  email: "same email",
  phone: "same phone",
  tin: "same TIN",
  domain: "same website domain",
  company: "same company",
  name: "same name",
};

/** "name~0.82" reads as "similar name (82 %)". */
export function reasonLabel(reason: string): string {
  const [key = reason, similarity] = reason.split("~");
  if (similarity) return `similar ${key} (${Math.round(Number(similarity) * 100)} %)`;
  return REASON_LABELS[key] ?? key;
}

export const percent = (confidence: number) => `${Math.round(confidence * 100)} % likely`;

/** Leads and contacts that look like this one; a manager merges a duplicate lead into this one. */
export function DuplicatesCard(props: { lead: FragmentType<typeof DuplicatesCardFragment> }) {
  const lead = useFragment(DuplicatesCardFragment, props.lead);
  const { permissions } = useViewerAccess();
  const toast = useToast();
  const [merge] = useMutation(MergeLeads);
  const [merging, setMerging] = useState<string | null>(null);

  async function mergeIn(sourceId: string, name: string) {
    setMerging(sourceId);
    try {
      await merge({ variables: { targetId: lead.id, sourceId } });
      toast.show(`${name} merged into this lead`);
    } catch (error) {
      toast.show(describeError(error as Error), "danger");
    } finally {
      setMerging(null);
    }
  }

  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby="lead-duplicates-title">
      <h2 id="lead-duplicates-title" className="lead-section__title">
        Possible duplicates
      </h2>
      {lead.duplicates.length === 0 ? (
        <p className="muted">None found.</p>
      ) : (
        <ul className="duplicates">
          {lead.duplicates.map((match) => {
            const key = match.lead?.id ?? `contact-${match.contact?.id}`;
            const contactName = match.contact
              ? [match.contact.firstName, match.contact.lastName].filter(Boolean).join(" ") || match.contact.email
              : null;
            return (
              <li key={key} className="duplicates__item">
                <div>
                  {match.lead ? (
                    <Link to={paths.lead(match.lead.id)}>{match.lead.name}</Link>
                  ) : (
                    <span>Contact {contactName}</span>
                  )}
                  <p className="muted duplicates__why">
                    {match.reasons.map(reasonLabel).join(", ")} · {percent(match.confidence)}
                  </p>
                </div>
                {match.lead && permissions.manage && !lead.readOnly && (
                  <Button
                    size="sm"
                    disabled={merging !== null}
                    onClick={() => match.lead && mergeIn(match.lead.id, match.lead.name)}
                  >
                    Merge here
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
