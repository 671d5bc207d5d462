import { describeError } from "../../components/ErrorMessage";
import { useToast } from "../../components/Toast";

/** Runs a lead mutation, telling the rep when the server refuses it. */
export function useLeadAction() {
  const toast = useToast();
  return async (run: () => Promise<unknown>, done?: string) => {
    try {
      await run();
      if (done) toast.show(done);
    } catch (error) {
      toast.show(describeError(error as Error), "danger");
    }
  };
}
