import { useApolloClient } from "@apollo/client/react";
import { describeError, reasonOf, refusalInWords } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";

/**
 * Runs a lead mutation, telling the rep when the server refuses it. A refusal
 * because the lead moved on (a teammate's change, a conversion) re-reads the
 * page, so what the rep sees is what the next try will meet.
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
      if (reason === "STALE_VERSION" || reason === "READ_ONLY") await client.refetchQueries({ include: "active" });
    }
  };
}
