import { type FragmentType, graphql, useFragment } from "../../gql";
import { Link, paths } from "../../router";
import { useLogout } from "./useLogout";

export const ViewerMenuFragment = graphql(`
  fragment ViewerMenu_user on User {
    id
    name
    email
    roles
  }
`);

export function ViewerMenu(props: { viewer: FragmentType<typeof ViewerMenuFragment> }) {
  const viewer = useFragment(ViewerMenuFragment, props.viewer);
  const { logOut, loading } = useLogout();
  return (
    <div className="viewer-menu">
      {/* On a phone the header keeps its room for the pages a rep works in: Settings shrinks to its icon. */}
      <Link to={paths.settings()} className="button button--ghost" aria-label="Settings" title="Settings">
        <span aria-hidden="true" className="show-narrow">
          ⚙
        </span>
        <span aria-hidden="true" className="hide-narrow">
          Settings
        </span>
      </Link>
      <div className="viewer-menu__who">
        <span className="viewer-menu__name">{viewer.name}</span>
        <span className="viewer-menu__email">{viewer.email}</span>
      </div>
      <button type="button" className="button button--ghost" onClick={() => void logOut()} disabled={loading}>
        Sign out
      </button>
    </div>
  );
}
