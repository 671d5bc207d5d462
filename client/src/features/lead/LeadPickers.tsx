import { useQuery } from "@apollo/client/react";
import { type KeyboardEvent, useEffect, useId, useState } from "react";
import { graphql } from "../../gql";
import { useViewerAccess } from "../auth/useViewer";
import { contactName } from "../crm/record-names";
import { AssignableUsersQuery } from "../team/assignable-users";
import { partnerRepresentatives } from "./new-lead-choice";

const CompanySearchQuery = graphql(`
  query CompanySearch($search: String, $first: Int) {
    companies(search: $search, first: $first) {
      edges {
        node {
          id
          name
          website
        }
      }
    }
  }
`);

const CompanyContactsQuery = graphql(`
  query CompanyContacts($companyId: ID!) {
    contacts(companyId: $companyId, first: 100) {
      edges {
        node {
          id
          firstName
          lastName
          email
          phone
        }
      }
    }
  }
`);

const PartnerUsersQuery = graphql(`
  query PartnerUsers {
    users {
      id
      name
      roles
      partnerCompany {
        id
        name
      }
    }
  }
`);

export interface PickedCompany {
  id: string;
  name: string;
}

/** An error under a control, tied to it by `id` (the control's aria-describedby). */
function FieldError(props: { id: string; error?: string }) {
  if (!props.error) return null;
  return (
    <span className="field__error" id={props.id}>
      {props.error}
    </span>
  );
}

/**
 * Typeahead over the companies the viewer may see (an ARIA combobox): typing
 * searches once it pauses, arrows move through the matches, Enter or a click
 * picks one. Typing again drops the pick. The lead's existing company by
 * default; `label` and `optional` make it another pick (the partner company).
 */
export function CompanyPicker(props: {
  value: PickedCompany | null;
  onChange: (company: PickedCompany | null) => void;
  error?: string;
  /** "Find a company" by default; the listbox is named after it. */
  label?: string;
  /** Not required; no match then says only that (no "choose New company"). */
  optional?: boolean;
}) {
  const label = props.label ?? "Find a company";
  const id = useId();
  const [text, setText] = useState(props.value?.name ?? "");
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(text.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [text]);
  const { data, previousData, loading } = useQuery(CompanySearchQuery, {
    variables: { search: search || null, first: 8 },
    skip: !open,
  });
  const matches = (data ?? previousData)?.companies.edges.map((e) => e.node) ?? [];
  const listId = `${id}-list`;
  const errorId = `${id}-error`;

  function pick(company: PickedCompany) {
    props.onChange({ id: company.id, name: company.name });
    setText(company.name);
    setOpen(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((i) => (matches.length ? (i + step + matches.length) % matches.length : 0));
    } else if (event.key === "Enter" && open && matches[active]) {
      event.preventDefault();
      pick(matches[active]);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  }

  const expanded = open && matches.length > 0;
  return (
    <div className={props.optional ? "field combobox" : "field field--required combobox"}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && matches[active] ? `${id}-option-${active}` : undefined}
        aria-required={!props.optional}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        placeholder="Type a company name"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          if (props.value) props.onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={props.label ? `${props.label} matches` : "Companies"}
        className="combobox__list"
        hidden={!expanded}
      >
        {matches.map((company, index) => (
          <div
            key={company.id}
            id={`${id}-option-${index}`}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            className="combobox__option"
            // Before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(company);
            }}
          >
            {company.name}
            {company.website && <span className="lead-table__sub">{company.website}</span>}
          </div>
        ))}
      </div>
      {open && !loading && search && matches.length === 0 && (
        <span className="muted field__hint" role="status">
          No company matches “{search}”{props.optional ? "." : ": choose New company to add it."}
        </span>
      )}
      <FieldError id={errorId} error={props.error} />
    </div>
  );
}

/** Seed 002: the lead's contact is one of the chosen company's, or a new one entered below. */
export function ContactPicker(props: {
  companyId: string;
  value: string | null;
  onChange: (contactId: string | null) => void;
  error?: string;
}) {
  const id = useId();
  const { data, loading } = useQuery(CompanyContactsQuery, { variables: { companyId: props.companyId } });
  const contacts = data?.contacts.edges.map((e) => e.node) ?? [];
  return (
    <div className="field">
      <label htmlFor={id}>Contact</label>
      <select
        id={id}
        value={props.value ?? ""}
        disabled={loading}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value || null)}
      >
        <option value="">A new contact (enter below)</option>
        {contacts.map((contact) => (
          <option key={contact.id} value={contact.id}>
            {contactName(contact)}
            {contact.email ? ` · ${contact.email}` : ""}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

/** Seed 002: the owner is an active user. Managers choose anyone who works leads; others get the default. */
export function OwnerPicker(props: {
  value: string | null;
  onChange: (ownerId: string | null) => void;
  error?: string;
}) {
  const id = useId();
  const { permissions } = useViewerAccess();
  const { data } = useQuery(AssignableUsersQuery, { skip: !permissions.manage });
  const reason = permissions.manage ? null : "Only managers give a new lead to someone else.";
  const describedBy = [props.error && `${id}-error`, reason && `${id}-reason`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>Owner</label>
      <select
        id={id}
        value={props.value ?? ""}
        disabled={!permissions.manage}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value || null)}
      >
        <option value="">{permissions.manage ? "Nobody yet: the pool" : "Default owner"}</option>
        {(data?.assignableUsers ?? []).map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
          </option>
        ))}
      </select>
      {reason && (
        <span className="muted field__hint" id={`${id}-reason`}>
          {reason}
        </span>
      )}
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}

/**
 * Seed 002's partner representative, among the tenant's partners
 * (partnerRepresentatives): only managers list users, so only they choose;
 * a partner's own new lead names them without asking.
 */
export function PartnerRepresentativePicker(props: {
  partnerCompanyId: string | null;
  value: string | null;
  onChange: (userId: string | null) => void;
  error?: string;
}) {
  const id = useId();
  const { permissions } = useViewerAccess();
  const { data, loading } = useQuery(PartnerUsersQuery, { skip: !permissions.manage });
  const partners = partnerRepresentatives(data?.users ?? [], props.partnerCompanyId);
  const { value, onChange } = props;
  const fits = !data || !value || partners.some((user) => user.id === value);
  useEffect(() => {
    // Another partner company was chosen: its representative is no longer on offer.
    if (!fits) onChange(null);
  }, [fits, onChange]);
  const reason = !permissions.manage
    ? "Only managers choose a partner representative."
    : !loading && partners.length === 0
      ? props.partnerCompanyId
        ? "Nobody of this partner company has a partner account."
        : "No user has the Partner role."
      : null;
  const describedBy = [props.error && `${id}-error`, reason && `${id}-reason`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>Partner representative</label>
      <select
        id={id}
        value={props.value ?? ""}
        disabled={!permissions.manage || loading}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value || null)}
      >
        <option value="">None</option>
        {partners.map((user) => (
          <option key={user.id} value={user.id}>
            {user.name}
            {user.partnerCompany ? ` · ${user.partnerCompany.name}` : ""}
          </option>
        ))}
      </select>
      {reason && (
        <span className="muted field__hint" id={`${id}-reason`}>
          {reason}
        </span>
      )}
      <FieldError id={`${id}-error`} error={props.error} />
    </div>
  );
}
