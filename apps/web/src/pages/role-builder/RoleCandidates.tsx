import { Link } from 'react-router-dom';
import type { Application } from '../../api/types';
import { usePagedList } from '../../components/PagedList';
import { Empty, Loading } from '../../components/ProblemBanner';
import { humanize } from '../../lib/labels';
import { candidateNameOf } from '../../lib/names';
import { ScrollRegion } from '../../components/ScrollRegion';

/** The role's candidates (its applications), searched and paged on the server, each with the way to its debrief. */
export function RoleCandidates(props: { roleId: string }) {
  const list = usePagedList<Application>('/applications', {
    query: { roleId: props.roleId },
    noun: 'candidates',
    label: 'Search this role’s candidates',
    testId: 'role-candidates',
    pageSize: 10,
  });
  const data = list.resource.data;
  return (
    <section className="card" aria-labelledby="role-candidates-title" data-testid="role-candidates">
      <h2 id="role-candidates-title">Candidates for this role</h2>
      {list.controls}
      {!data ? (
        list.resource.error ? null : (
          <Loading />
        )
      ) : data.items.length === 0 ? (
        <Empty>{list.search ? 'No candidate matches.' : 'No candidate has applied yet.'}</Empty>
      ) : (
        <ScrollRegion label="Candidates of this role table">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Stage</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Links</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/applications/${a.id}`}>{candidateNameOf(a)}</Link>
                  </td>
                  <td>{a.stage ? humanize(a.stage) : '—'}</td>
                  <td>
                    <span className={`status status--${a.status}`}>{humanize(a.status)}</span>
                  </td>
                  <td>
                    <Link to={`/applications/${a.id}/debrief`}>
                      Debrief<span className="sr-only"> of {candidateNameOf(a)}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
