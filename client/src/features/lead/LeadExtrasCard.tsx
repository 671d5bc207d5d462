import { useId } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { useToast } from "../../components/Toast";
import { type FragmentType, graphql, useFragment } from "../../gql";
import { Link, paths } from "../../router";
import { dateTime } from "./date-time";
import { downloadFile, fileSize } from "./upload";

const LeadExtrasCardFragment = graphql(`
  fragment LeadExtrasCard_lead on Lead {
    id
    expiresAt
    partnerCompany {
      id
      name
    }
    partnerRepresentative {
      id
      name
    }
    customer {
      id
      name
      email
    }
    attachments {
      id
      url
      name
      fileType
      size
    }
  }
`);

/** What New lead's "Partner, customer and more" set: the partner, the customer, the expiry and the files. */
export function LeadExtrasCard(props: { lead: FragmentType<typeof LeadExtrasCardFragment> }) {
  const lead = useFragment(LeadExtrasCardFragment, props.lead);
  const id = useId();
  const toast = useToast();
  const { partnerCompany, partnerRepresentative, customer, expiresAt, attachments } = lead;
  if (!partnerCompany && !partnerRepresentative && !customer && !expiresAt && attachments.length === 0) return null;
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="lead-section__title">
        Partner, customer and files
      </h2>
      <dl className="kv">
        {partnerCompany && (
          <div>
            <dt>Partner company</dt>
            <dd>
              <Link to={paths.company(partnerCompany.id)}>{partnerCompany.name}</Link>
            </dd>
          </div>
        )}
        {partnerRepresentative && (
          <div>
            <dt>Partner representative</dt>
            <dd>{partnerRepresentative.name}</dd>
          </div>
        )}
        {customer && (
          <div>
            <dt>Customer</dt>
            <dd>
              {customer.name}
              {customer.name !== customer.email && <span className="lead-table__sub">{customer.email}</span>}
            </dd>
          </div>
        )}
        {expiresAt && (
          <div>
            <dt>Expires</dt>
            <dd>
              <time dateTime={expiresAt}>{dateTime.format(new Date(expiresAt))}</time>
            </dd>
          </div>
        )}
      </dl>
      {attachments.length > 0 && (
        <ul className="attachment-list" aria-label="Attachments">
          {attachments.map((file) => (
            <li key={file.id} className="attachment-list__item">
              <span className="attachment-list__name">{file.name}</span>
              <span className="muted attachment-list__size">{fileSize(file.size)}</span>
              {file.url.startsWith("/") ? (
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Download ${file.name}`}
                  onClick={() => downloadFile(file).catch((error: Error) => toast.show(error.message, "danger"))}
                >
                  Download
                </Button>
              ) : (
                // A link an integrator sent: a file kept elsewhere.
                <a href={file.url} target="_blank" rel="noopener noreferrer" aria-label={`Open ${file.name}`}>
                  Open
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
