import { Layout } from "../../../../shared/ui/layout";

export interface SpokespersonEntry {
  department: string;
  name: string;
  title: string | null;
}

/** 网络发言人: every department's named spokespeople, who answer in public under these names. */
export function SpokespeoplePage({ entries }: { entries: SpokespersonEntry[] }) {
  return (
    <Layout title="网络发言人">
      <h1>网络发言人</h1>
      <section class="card">
        <p>各单位的答复由本单位网络发言人审核发布，并以其公开姓名和职务署名。</p>
        <table>
          <thead>
            <tr><th>单位</th><th>网络发言人</th><th>职务</th></tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr><td>{e.department}</td><td>{e.name}</td><td>{e.title ?? ""}</td></tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
