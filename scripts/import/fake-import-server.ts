import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ImportFinish,
  type ImportItemResult,
  type ImportMeta,
  ImportRequest,
} from "../../shared/import/import-item.schema";

/**
 * A stand-in for the intake Worker's import routes, written from the contract (shared/import): bearer
 * token, meta, per-item answers idempotent on (source, messageId), ApiError envelopes, finish. Tests
 * make it fail on purpose (`failNext` 503s, `refuse` ids) to see the CLI cope.
 */
export const FAKE_TOKEN = "test-import-token";

export const FAKE_META: ImportMeta = {
  regions: ["620800", "620802", "620821", "620822", "620823", "620825", "620826", "620881"].map((code) => ({
    code,
    name: `region ${code}`,
  })),
  categories: [
    { code: "urban_rural", name: "城乡建设" },
    { code: "transport", name: "交通运输" },
    { code: "health", name: "卫生计生" },
  ],
  addressees: [
    { code: "mayor", name: "市长信箱", departmentId: "pl-mayor-office" },
    { code: "secretary", name: "市委书记信箱", departmentId: "pl-secretary-office" },
  ],
  departments: ["pl-housing", "pl-transport", "pl-education", "pl-urban-management"].map((id) => ({
    id,
    name: id,
    regionCode: "620800",
    spokesperson: true,
  })),
  rules: [{ category: "transport", regionCode: "*", departmentId: "pl-transport" }],
  minSample: 10,
};

export interface FakeServer {
  url: string;
  /** Every (source, messageId) imported, with its trackingNo. */
  cases: Map<string, string>;
  /** messageIds sent to POST /cases, in order, repeats included. */
  received: string[];
  batches: number;
  finished: string[];
  /** The next n calls to POST /cases answer 503. */
  failNext: number;
  /** messageIds the server refuses (as a real one would for, say, a missing spokesperson). */
  refuse: Set<string>;
  /** Called before each POST /cases is answered (a test can abort the run there). */
  onBatch?: (n: number) => void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};
const apiError = (res: ServerResponse, status: number, code: string, message: string) =>
  json(res, status, { error: { code, message } });

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return null;
  }
}

export async function startFakeServer(): Promise<FakeServer> {
  const state: Omit<FakeServer, "url" | "close"> = {
    cases: new Map(),
    received: [],
    batches: 0,
    finished: [],
    failNext: 0,
    refuse: new Set(),
  };
  const server: Server = createServer(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return apiError(res, 401, "unauthorized", "bad token");
    const body = await bodyOf(req);
    if (req.method === "GET" && req.url === "/api/v1/import/meta") return json(res, 200, FAKE_META);
    if (req.method === "POST" && req.url === "/api/v1/import/finish") {
      const parsed = ImportFinish.safeParse(body);
      if (!parsed.success) return apiError(res, 400, "validation_failed", "bad finish");
      state.finished.push(parsed.data.from);
      return json(res, 200, { analysed: state.cases.size });
    }
    if (req.method !== "POST" || req.url !== "/api/v1/import/cases") return apiError(res, 404, "not_found", "no route");
    state.batches++;
    state.onBatch?.(state.batches);
    if (state.failNext > 0) {
      state.failNext--;
      return apiError(res, 503, "unavailable", "restarting");
    }
    const parsed = ImportRequest.safeParse(body);
    if (!parsed.success) return apiError(res, 400, "validation_failed", "The request did not pass validation.");
    const results: ImportItemResult[] = parsed.data.items.map((item) => {
      state.received.push(item.messageId);
      const key = `${parsed.data.source}:${item.messageId}`;
      if (state.refuse.has(item.messageId))
        return { messageId: item.messageId, status: "refused", reason: "department has no spokesperson" };
      const existing = state.cases.get(key);
      if (existing) return { messageId: item.messageId, status: "already", trackingNo: existing };
      const trackingNo = `T${String(state.cases.size + 1).padStart(6, "0")}`;
      state.cases.set(key, trackingNo);
      return { messageId: item.messageId, status: "imported", trackingNo };
    });
    return json(res, 200, { results });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeServer = Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return fake;
}
