import { useQuery } from '../api/client';
import { graphql } from '../graphql';

/** Every unit an account or token may act for: those before the 2025 reorganisation and those after. */
const ProvinceChoicesQuery = graphql(`
  query ProvinceChoices {
    before: provinces(asOf: "2025-06-30") {
      id
      name
    }
    after: provinces {
      id
      name
    }
  }
`);

/** Options for a province select, by Vietnamese name; a unit existing under two lists shows once. */
export function ProvinceOptions() {
  const state = useQuery(ProvinceChoicesQuery, {});
  const all = new Map<string, string>();
  for (const p of [...(state.data?.before ?? []), ...(state.data?.after ?? [])]) all.set(p.id, p.name);
  const sorted = [...all].sort((a, b) => a[1].localeCompare(b[1], 'vi') || a[0].localeCompare(b[0]));
  // Two units share a name across 2025 (e.g. Phú Thọ): the id tells them apart.
  const names = new Map<string, number>();
  for (const [, name] of sorted) names.set(name, (names.get(name) ?? 0) + 1);
  return (
    <>
      {sorted.map(([id, name]) => (
        <option key={id} value={id}>
          {(names.get(name) ?? 0) > 1 ? `${name} (${id})` : name}
        </option>
      ))}
    </>
  );
}
