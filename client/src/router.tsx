import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

/**
 * A tiny router on the History API: four pages need no dependency. Links are
 * real anchors (open in a new tab works); a click in this tab pushes the new
 * URL and every `useLocation` re-renders.
 */
const NAVIGATE_EVENT = "leadline:navigate";

export type Route =
  | { page: "inbox" }
  | { page: "board"; pipelineId: string | null }
  | { page: "leads" }
  | { page: "newLead" }
  | { page: "lead"; id: string }
  | { page: "settings" }
  | { page: "mailbox" }
  | { page: "invite"; token: string }
  | { page: "contacts" }
  | { page: "contact"; id: string }
  | { page: "companies" }
  | { page: "company"; id: string }
  | { page: "adminUsers" }
  | { page: "adminIntegrations" }
  | { page: "dashboard" }
  | { page: "adminPipelines"; pipelineId: string | null }
  | { page: "adminRouting" }
  | { page: "adminScoring" }
  | { page: "adminForms" }
  | { page: "adminImport" }
  | { page: "notFound" };

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const parts = pathname.split("/").filter(Boolean);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === "inbox")) return { page: "inbox" };
  if (parts.length === 1 && parts[0] === "board") return { page: "board", pipelineId: params.get("pipeline") };
  if (parts.length === 1 && parts[0] === "leads") return { page: "leads" };
  if (parts.length === 1 && parts[0] === "settings") return { page: "settings" };
  if (parts.length === 1 && parts[0] === "mailbox") return { page: "mailbox" };
  if (parts.length === 1 && parts[0] === "contacts") return { page: "contacts" };
  if (parts.length === 1 && parts[0] === "companies") return { page: "companies" };
  if (parts.length === 1 && parts[0] === "dashboard") return { page: "dashboard" };
  if (parts.length === 2 && parts[0] === "contacts" && parts[1])
    return { page: "contact", id: decodeURIComponent(parts[1]) };
  if (parts.length === 2 && parts[0] === "companies" && parts[1])
    return { page: "company", id: decodeURIComponent(parts[1]) };
  if (parts.length === 2 && parts[0] === "admin" && parts[1] === "users") return { page: "adminUsers" };
  if (parts.length === 2 && parts[0] === "admin" && parts[1] === "integrations") return { page: "adminIntegrations" };
  if (parts.length === 2 && parts[0] === "admin" && parts[1] === "pipelines")
    return { page: "adminPipelines", pipelineId: params.get("pipeline") };
  if (parts.length === 2 && parts[0] === "admin" && parts[1] === "routing") return { page: "adminRouting" };
  if (parts.length === 2 && parts[0] === "admin" && parts[1] === "scoring") return { page: "adminScoring" };
  if (parts.length === 2 && parts[0] === "admin" && parts[1] === "forms") return { page: "adminForms" };
  if (parts.length === 2 && parts[0] === "admin" && parts[1] === "import") return { page: "adminImport" };
  if (parts.length === 2 && parts[0] === "invite" && parts[1])
    return { page: "invite", token: decodeURIComponent(parts[1]) };
  if (parts.length === 2 && parts[0] === "leads" && parts[1] === "new") return { page: "newLead" };
  if (parts.length === 2 && parts[0] === "leads" && parts[1]) return { page: "lead", id: decodeURIComponent(parts[1]) };
  return { page: "notFound" };
}

export const paths = {
  inbox: () => "/inbox",
  board: (pipelineId?: string | null) => (pipelineId ? `/board?pipeline=${encodeURIComponent(pipelineId)}` : "/board"),
  leads: () => "/leads",
  newLead: () => "/leads/new",
  lead: (id: string) => `/leads/${encodeURIComponent(id)}`,
  settings: () => "/settings",
  mailbox: () => "/mailbox",
  contacts: () => "/contacts",
  contact: (id: string) => `/contacts/${encodeURIComponent(id)}`,
  companies: () => "/companies",
  company: (id: string) => `/companies/${encodeURIComponent(id)}`,
  adminUsers: () => "/admin/users",
  adminIntegrations: () => "/admin/integrations",
  dashboard: () => "/dashboard",
  adminPipelines: (pipelineId?: string | null) =>
    pipelineId ? `/admin/pipelines?pipeline=${encodeURIComponent(pipelineId)}` : "/admin/pipelines",
  adminRouting: () => "/admin/routing",
  adminScoring: () => "/admin/scoring",
  adminForms: () => "/admin/forms",
  adminImport: () => "/admin/import",
};

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

function subscribe(listener: () => void): () => void {
  window.addEventListener("popstate", listener);
  window.addEventListener(NAVIGATE_EVENT, listener);
  return () => {
    window.removeEventListener("popstate", listener);
    window.removeEventListener(NAVIGATE_EVENT, listener);
  };
}

const currentUrl = () => window.location.pathname + window.location.search;

/** The current route; re-renders on navigation and back/forward. */
export function useRoute(): Route {
  const url = useSyncExternalStore(subscribe, currentUrl);
  const { pathname, search } = new URL(url, window.location.origin);
  return parseRoute(pathname, search);
}

export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const { to, onClick, ...rest } = props;
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    // Let the browser handle new-tab and download gestures.
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  }
  return <a href={to} onClick={handleClick} {...rest} />;
}
