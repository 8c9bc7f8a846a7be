// The yardstick: what a minimal JavaScript action costs for the same work as ours on one
// issues event (read the event, database, data source, query by External ID, update or create,
// write the outputs). No validation, no retries, no summary: a lower bound, not a peer.
import { readFileSync, appendFileSync } from "node:fs";

const base = process.env["INPUT_NOTION-API-URL"];
const db = process.env["INPUT_NOTION-TASK-BACKLOG-DB-ID"];
const headers = {
  Authorization: `Bearer ${process.env["INPUT_NOTION-TOKEN"]}`,
  "Notion-Version": "2026-03-11",
  "Content-Type": "application/json",
};
const call = async (method, path, body) => {
  const res = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
  return res.json();
};

const started = Date.now();
const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, "utf8"));
const issue = event.issue;
const database = await call("GET", `/v1/databases/${db}`);
const ds = database.data_sources[0].id;
await call("GET", `/v1/data_sources/${ds}`);
const text = (s) => [{ type: "text", text: { content: s } }];
const properties = {
  Name: { title: text(issue.title) },
  Status: { status: { name: issue.state === "closed" ? "Closed" : "Open" } },
  Category: { select: { name: "Issue" } },
  "Last Synced": { date: { start: new Date().toISOString() } },
  "Source URL": { url: issue.html_url },
  "External ID": { rich_text: text(issue.node_id) },
};
const found = await call("POST", `/v1/data_sources/${ds}/query`, {
  filter: { property: "External ID", rich_text: { equals: issue.node_id } },
});
const page = found.results.length
  ? await call("PATCH", `/v1/pages/${found.results[0].id}`, { properties })
  : await call("POST", "/v1/pages", { parent: { type: "data_source_id", data_source_id: ds }, properties });
if (process.env.GITHUB_OUTPUT) {
  appendFileSync(process.env.GITHUB_OUTPUT, `status=synced\npage-id=${page.id}\nlatency-ms=${Date.now() - started}\n`);
}
