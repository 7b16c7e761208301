import { Link } from 'react-router-dom';
import { Empty, Loading } from './ProblemBanner';

/** A page of a list as links: loading, "nothing found", or one link per item. */
export function LinkList<T extends { id: string }>(props: {
  items: T[] | undefined;
  failed: boolean;
  empty: string;
  to: (item: T) => string;
  label: (item: T) => string;
}) {
  if (!props.items) return props.failed ? null : <Loading />;
  if (props.items.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <ul className="plain link-list">
      {props.items.map((item) => (
        <li key={item.id}>
          <Link to={props.to(item)}>{props.label(item)}</Link>
        </li>
      ))}
    </ul>
  );
}
