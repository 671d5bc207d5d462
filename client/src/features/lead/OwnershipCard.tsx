import { useMutation, useQuery } from "@apollo/client/react";
import { useId } from "react";
import { Button } from "../../components/Button";
import { Card } from "../../components/Card";
import { type FragmentType, graphql, useFragment } from "../../gql";
import { useViewerAccess } from "../auth/useViewer";
import { AssignableUsersQuery } from "../team/assignable-users";
import { dateTime } from "./date-time";
import { useLeadAction } from "./useLeadAction";

const OwnershipCardFragment = graphql(`
  fragment OwnershipCard_lead on Lead {
    id
    readOnly
    claimExpiresAt
    owner {
      id
      name
    }
    claimedBy {
      id
      name
    }
  }
`);

// Each answer carries the card's fragment, so the card (and the board's copy of the lead) shows the change at once.
const ClaimLead = graphql(`
  mutation ClaimLead($id: ID!) {
    claimLead(id: $id) {
      id
      version
      ...OwnershipCard_lead
    }
  }
`);
const ReleaseLead = graphql(`
  mutation ReleaseLead($id: ID!) {
    releaseLead(id: $id) {
      id
      version
      ...OwnershipCard_lead
    }
  }
`);
const TakeOwnership = graphql(`
  mutation TakeOwnership($id: ID!) {
    takeOwnership(id: $id) {
      id
      version
      ...OwnershipCard_lead
    }
  }
`);
const AssignLead = graphql(`
  mutation AssignLead($id: ID!, $ownerId: ID) {
    assignLead(id: $id, ownerId: $ownerId) {
      id
      version
      ...OwnershipCard_lead
    }
  }
`);

/** A manager's choice of who works the lead next; asks for the list only when shown. */
function AssignPicker(props: {
  ownerId: string | null;
  disabled: boolean;
  onPick: (id: string, name: string) => void;
}) {
  const id = useId();
  const { data } = useQuery(AssignableUsersQuery);
  const people = (data?.assignableUsers ?? []).filter((user) => user.id !== props.ownerId);
  return (
    <div className="field">
      <label htmlFor={id}>Assign to</label>
      <select
        id={id}
        value=""
        disabled={props.disabled || people.length === 0}
        onChange={(event) => {
          const user = people.find((p) => p.id === event.target.value);
          if (user) props.onPick(user.id, user.name);
        }}
      >
        <option value="">Choose a teammate…</option>
        {people.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Why the viewer has no ownership button on this lead, or null when there is nothing to explain (their own lead). */
function noActionReason(
  lead: { owner?: { id: string; name: string } | null; claimedBy?: { id: string; name: string } | null },
  me: string | null,
  mayClaim: boolean,
): string | null {
  if (lead.owner?.id === me) return null;
  if (lead.claimedBy) return `${lead.claimedBy.name} holds the claim: only they or a manager may take or release it.`;
  if (lead.owner) return `Owned by ${lead.owner.name}: only a manager may reassign it.`;
  if (!mayClaim) return "Your role may not claim leads from the pool.";
  return null;
}

/** Owner and claim, with the buttons the viewer's roles and the lead's state allow. */
export function OwnershipCard(props: { lead: FragmentType<typeof OwnershipCardFragment> }) {
  const lead = useFragment(OwnershipCardFragment, props.lead);
  const { id: me, permissions } = useViewerAccess();
  const act = useLeadAction();
  const variables = { id: lead.id };
  const [claim, claiming] = useMutation(ClaimLead, { variables });
  const [release, releasing] = useMutation(ReleaseLead, { variables });
  const [take, taking] = useMutation(TakeOwnership, { variables });
  const [assign, assigning] = useMutation(AssignLead);
  const busy = claiming.loading || releasing.loading || taking.loading || assigning.loading;
  const claimedByMe = lead.claimedBy?.id === me;
  const unowned = !lead.owner;
  const buttons = lead.readOnly
    ? []
    : [
        unowned && !lead.claimedBy && permissions.claim && (
          <Button key="claim" size="sm" variant="primary" onClick={() => act(claim, "Claimed")}>
            Claim
          </Button>
        ),
        lead.claimedBy && (claimedByMe || permissions.manage) && (
          <Button key="take" size="sm" variant="primary" onClick={() => act(take, "You own this lead")}>
            Take ownership
          </Button>
        ),
        lead.claimedBy && (claimedByMe || permissions.manage) && (
          <Button key="release" size="sm" onClick={() => act(release, "Released to the pool")}>
            Release
          </Button>
        ),
        permissions.manage && me && lead.owner?.id !== me && (
          <Button
            key="assign-me"
            size="sm"
            onClick={() => act(() => assign({ variables: { id: lead.id, ownerId: me } }), "Assigned to you")}
          >
            Assign to me
          </Button>
        ),
        permissions.manage && lead.owner && (
          <Button
            key="unassign"
            size="sm"
            variant="ghost"
            onClick={() => act(() => assign({ variables: { id: lead.id, ownerId: null } }), "Back in the pool")}
          >
            Unassign
          </Button>
        ),
      ].filter(Boolean);
  return (
    <Card className="lead-page__card lead-section" role="region" aria-labelledby="lead-owner-title">
      <h2 id="lead-owner-title" className="lead-section__title">
        Owner
      </h2>
      <p className="lead-section__value" data-testid="lead-owner">
        {lead.owner?.name ??
          (lead.claimedBy
            ? `Claimed by ${lead.claimedBy.name}${lead.claimExpiresAt ? ` until ${dateTime.format(new Date(lead.claimExpiresAt))}` : ""}`
            : "Unassigned, in the pool")}
      </p>
      {buttons.length > 0 && (
        <div className="lead-section__actions" aria-busy={busy}>
          {buttons}
        </div>
      )}
      {!lead.readOnly && buttons.length === 0 && noActionReason(lead, me, permissions.claim) && (
        <p className="muted field__hint control-reason" data-testid="ownership-reason">
          {noActionReason(lead, me, permissions.claim)}
        </p>
      )}
      {permissions.manage && !lead.readOnly && (
        <AssignPicker
          ownerId={lead.owner?.id ?? null}
          disabled={busy}
          onPick={(ownerId, name) => act(() => assign({ variables: { id: lead.id, ownerId } }), `Assigned to ${name}`)}
        />
      )}
    </Card>
  );
}
