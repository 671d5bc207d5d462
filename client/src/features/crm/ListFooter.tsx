import { Button } from "../../components/Button";

const countFormat = new Intl.NumberFormat();

/** "Showing n of m" and the Load more button of a paged list. */
export function ListFooter(props: {
  shown: number;
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}) {
  return (
    <div className="leads__footer">
      <span className="muted">
        Showing {countFormat.format(props.shown)} of {countFormat.format(props.total)}
      </span>
      {props.hasMore && (
        <Button onClick={props.onMore} disabled={props.loadingMore}>
          {props.loadingMore ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}
