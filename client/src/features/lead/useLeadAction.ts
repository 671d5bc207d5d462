import { useApolloClient } from "@apollo/client/react";
import { describeError, reasonOf, refusalInWords } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";

/** Refusals after which what the page shows is out of date. */
const REREAD = new Set(["STALE_VERSION", "READ_ONLY", "TRANSITION_NOT_ALLOWED", "CONVERSION_ONLY"]);

/**
 * Runs a lead mutation, telling the rep when the server refuses it. A refusal
 * because the lead moved on (a teammate's change, a conversion) or its
 * pipeline did (an admin's edit) re-reads the page, so what the rep sees is
 * what the next try will meet.
 */
export function useLeadAction() {
  const toast = useToast();
  const client = useApolloClient();
  return async (run: () => Promise<unknown>, done?: string) => {
    try {
      await run();
      if (done) toast.show(done);
    } catch (error) {
      const reason = reasonOf(error);
      toast.show(refusalInWords(reason) ?? describeError(error as Error), "danger");
      // A refused step the page offered means its pipeline changed since it was read: re-read that too.
      if (REREAD.has(reason ?? "")) await client.refetchQueries({ include: "active" });
    }
  };
}
