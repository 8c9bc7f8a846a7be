#!/usr/bin/env node
// Type-checks captured Notion requests against @notionhq/client's request types.
//
//   node check.mjs [--expect-refused] [FILE.jsonl | DIR ...]
//
// Input: JSON lines {"test","method","path","query"?,"body"?} as the integration tests' Notion
// stand-ins record them (src/test/java/.../support/NotionCapture.java); default directory
// ../../target/notion-requests. Each request is matched to the SDK endpoint with the same method
// and path (the route table is the SDK's own: the endpoint descriptors exported by
// @notionhq/client/build/src/api-endpoints), and its path parameters, query parameters and body
// become one object literal assigned to that endpoint's `<Name>Parameters` type, so that
// TypeScript's excess-property checks apply (and a property value may hold one value: see
// OneOf in the generated query.ts). One .ts file per request shape is written to
// generated/, then `tsc --noEmit --strict` runs over them. Fails (exit 1) when a request has no
// SDK endpoint (unless unmapped.json names it with a reason), puts a field where the SDK does not
// send it (query vs body), or does not type-check.
//
// --expect-refused inverts the verdict for a negative fixture: passes only when every request is
// refused.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const sdkDir = path.dirname(require.resolve("@notionhq/client/package.json"));
const sdkVersion = JSON.parse(fs.readFileSync(path.join(sdkDir, "package.json"), "utf8")).version;
const endpoints = require("@notionhq/client/build/src/api-endpoints");
const SDK_TYPES = "@notionhq/client/build/src/api-endpoints";

const args = process.argv.slice(2);
const expectRefused = args.includes("--expect-refused");
let inputs = args.filter((a) => !a.startsWith("--"));
if (inputs.length === 0) inputs = [path.resolve(here, "../../target/notion-requests")];

// --- The SDK's route table -------------------------------------------------------------------
const declared = new Set();
// Every string literal type the SDK declares: a string that is none of them can only meet `string`
// or a literal union it is not in, so requests that differ only in such strings get the same
// verdict and one of them is checked. That holds while the types have no template literals.
const literals = new Set();
let templateLiterals = false;
for (const f of fs.readdirSync(path.join(sdkDir, "build/src/api-endpoints"))) {
  if (!f.endsWith(".d.ts")) continue;
  const text = fs.readFileSync(path.join(sdkDir, "build/src/api-endpoints", f), "utf8");
  for (const m of text.matchAll(/^export type (\w+Parameters) =/gm)) declared.add(m[1]);
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  for (const m of code.matchAll(/"((?:[^"\\]|\\.)*)"/g)) literals.add(JSON.parse(`"${m[1]}"`));
  templateLiterals ||= code.includes("`");
}
const routes = [];
for (const [name, e] of Object.entries(endpoints)) {
  if (!e || typeof e !== "object" || typeof e.path !== "function" || !e.method) continue;
  const placeholders = Object.fromEntries(e.pathParams.map((p) => [p, `{${p}}`]));
  const pattern = "/v1/" + e.path(placeholders);
  const typeName = name[0].toUpperCase() + name.slice(1) + "Parameters";
  routes.push({
    name, typeName, pattern, method: e.method.toUpperCase(),
    segments: pattern.split("/"),
    pathParams: e.pathParams, queryParams: e.queryParams, bodyParams: e.bodyParams,
    hasType: declared.has(typeName),
  });
}

function route(method, p) {
  const segs = p.split("/");
  let best = null;
  for (const r of routes) {
    if (r.method !== method || r.segments.length !== segs.length) continue;
    let literal = 0;
    const params = {};
    const ok = r.segments.every((s, i) => {
      if (/^\{\w+\}$/.test(s)) { params[s.slice(1, -1)] = decodeURIComponent(segs[i]); return segs[i] !== ""; }
      literal++;
      return s === segs[i];
    });
    // A literal segment beats a parameter (/v1/users/me over /v1/users/{user_id}).
    if (ok && (!best || literal > best.literal)) best = { r, params, literal };
  }
  return best;
}

const unmapped = JSON.parse(fs.readFileSync(path.join(here, "unmapped.json"), "utf8")).routes;

// --- Read the captures -----------------------------------------------------------------------
const files = inputs.flatMap((i) => {
  if (!fs.existsSync(i)) { console.error(`no captures at ${i} (run the integration tests first)`); process.exit(2); }
  return fs.statSync(i).isDirectory()
    ? fs.readdirSync(i).filter((f) => f.endsWith(".jsonl")).sort().map((f) => path.join(i, f))
    : [i];
});
const requests = [];
for (const f of files) {
  fs.readFileSync(f, "utf8").split("\n").forEach((line, n) => {
    if (line.trim() === "") return;
    requests.push({ ...JSON.parse(line), where: `${path.basename(f)}:${n + 1}` });
  });
}
if (requests.length === 0) { console.error("no captured requests"); process.exit(2); }

// --- Distinct requests -----------------------------------------------------------------------
const problems = [];   // requests refused before the type check: { key, message }
const distinct = new Map(); // key -> { route, value, queryKeys, tests:Set, count, errors: [] }
const perRoute = new Map();
let skipped = 0;
for (const q of requests) {
  const m = route(q.method, q.path);
  const label = `${q.method} ${m ? m.r.pattern : q.path}`;
  perRoute.set(label, (perRoute.get(label) ?? 0) + 1);
  if (!m) {
    const reason = Object.entries(unmapped).find(([k]) => {
      const [meth, pat] = k.split(" ");
      return meth === q.method && new RegExp("^" + pat.replace(/\{\w+\}/g, "[^/]+") + "$").test(q.path);
    });
    if (reason) { skipped++; continue; }
    problems.push({ key: label, test: q.test, message: `no @notionhq/client ${sdkVersion} endpoint has this method and path`, body: q.body });
    continue;
  }
  const { r } = m;
  if (!r.hasType) {
    problems.push({ key: label, test: q.test, message: `the SDK declares no type ${r.typeName} for ${r.name}`, body: q.body });
    continue;
  }
  let body = {};
  if (q.body !== undefined) {
    try { body = JSON.parse(q.body); } catch (e) {
      problems.push({ key: label, test: q.test, message: `body is not JSON: ${e.message}`, body: q.body });
      continue;
    }
  }
  const query = {};
  for (const [k, v] of new URLSearchParams(q.query ?? "")) {
    query[k] = k in query ? [].concat(query[k], v) : v;
  }
  const misplaced = [
    ...Object.keys(query).filter((k) => !r.queryParams.includes(k)).map((k) => `query parameter ${k} (the SDK sends ${r.queryParams.join(", ") || "none"} in the query)`),
    ...(body && typeof body === "object" && !Array.isArray(body) ? Object.keys(body) : []).filter((k) => r.queryParams.includes(k) || r.pathParams.includes(k))
      .map((k) => `body field ${k} (the SDK sends it in the ${r.queryParams.includes(k) ? "query" : "path"})`),
  ];
  if (misplaced.length) {
    problems.push({ key: label, test: q.test, message: `misplaced: ${misplaced.join("; ")}`, body: q.body });
    continue;
  }
  // Path ids are all IdRequest (string): one placeholder each, so that requests differing only in
  // the page they address are one.
  const value = { ...Object.fromEntries(r.pathParams.map((p) => [p, `{${p}}`])), ...query };
  const literal = Array.isArray(body) || typeof body !== "object" || body === null ? body : { ...value, ...body };
  const key = `${r.typeName} ${JSON.stringify(signature(literal))}`;
  const d = distinct.get(key) ?? { route: r, literal, queryKeys: Object.keys(query), tests: new Set(), count: 0, errors: [], where: q.where };
  d.tests.add(q.test);
  d.count++;
  distinct.set(key, d);
}

function signature(v) {
  if (Array.isArray(v)) return v.map(signature);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, signature(x)]));
  return typeof v === "string" && !templateLiterals && !literals.has(v) ? "\u0000" : v;
}

// --- One file per shape: the structure, strings of a "type" key kept (they select the variant) --
function shape(v, k) {
  if (Array.isArray(v)) return [...new Set(v.map((x) => JSON.stringify(shape(x))))].sort().map((x) => JSON.parse(x));
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape(v[k], k)]));
  if (typeof v === "string") return k === "type" ? v : "s";
  return v === null ? null : typeof v;
}
const shapes = new Map();
for (const d of distinct.values()) {
  const s = `${d.route.typeName} ${JSON.stringify(shape(d.literal))}`;
  if (!shapes.has(s)) shapes.set(s, []);
  shapes.get(s).push(d);
}

const gen = path.join(here, "generated");
fs.rmSync(gen, { recursive: true, force: true });
fs.mkdirSync(gen);
fs.writeFileSync(path.join(gen, "query.ts"), `// A query parameter arrives as text: "100" for a number, repeated for an array.
export type Stringly<T> = T extends string ? T : T extends number | boolean | bigint ? \`\${T}\` : T extends readonly (infer E)[] ? Stringly<E> | Stringly<E>[] : T extends null | undefined ? never : T;
export type WithQuery<P, K extends PropertyKey> = P extends unknown ? { [Q in keyof P]: Q extends K ? Stringly<P[Q]> : P[Q] } : never;

// A property value (or configuration) is one of a union whose members' \`type\` is optional, so
// TypeScript's excess-property check lets {"select": …, "url": …} through (no discriminant). Each
// member is made to refuse the other members' keys: one value per property, as the SDK means it.
type AllKeys<U> = U extends unknown ? keyof U : never;
export type OneOf<U, All extends PropertyKey = AllKeys<U>> = U extends object ? U & { [K in Exclude<All, keyof U>]?: never } : U;
type StrictProperties<R> = R extends Record<string, infer V> ? Record<string, OneOf<V>> : R;
export type Strict<P> = P extends unknown ? { [K in keyof P]: K extends "properties" ? StrictProperties<P[K]> : K extends "initial_data_source" ? Strict<P[K]> : P[K] } : never;
`);
const lineOwner = new Map(); // "file:line" -> distinct request
const fileNames = [];
let n = 0;
for (const group of shapes.values()) {
  const t = group[0].route.typeName;
  const file = `${String(++n).padStart(3, "0")}-${t}.ts`;
  fileNames.push(file);
  const lines = [`import type { ${t} } from "${SDK_TYPES}";`, `import type { Strict, WithQuery } from "./query";`, ""];
  group.forEach((d, i) => {
    d.file = file;
    const type = d.queryKeys.length ? `WithQuery<Strict<${t}>, ${d.queryKeys.map((k) => JSON.stringify(k)).join(" | ")}>` : `Strict<${t}>`;
    lines.push(`// ${d.route.method} ${d.route.pattern} x${d.count}, from ${[...d.tests].slice(0, 3).join(", ")}${d.tests.size > 3 ? ` and ${d.tests.size - 3} more` : ""} (${d.where})`);
    const text = `export const r${i}: ${type} = ${JSON.stringify(d.literal, null, 2)};`.split("\n");
    d.firstLine = lines.length + 1;
    text.forEach((l) => { lineOwner.set(`${file}:${lines.length + 1}`, d); lines.push(l); });
  });
  fs.writeFileSync(path.join(gen, file), lines.join("\n") + "\n");
}
fs.writeFileSync(path.join(gen, "tsconfig.json"), JSON.stringify({
  compilerOptions: {
    strict: true, noEmit: true, target: "es2022", module: "preserve", moduleResolution: "bundler",
    skipLibCheck: true, types: [], noUnusedLocals: false,
  },
  files: ["query.ts", ...fileNames],
}, null, 2));

// --- tsc ---------------------------------------------------------------------------------------
let out = "";
const started = Date.now();
try {
  execFileSync(path.join(here, "node_modules/.bin/tsc"), ["-p", path.join(gen, "tsconfig.json"), "--pretty", "false"],
    { cwd: gen, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28 });
} catch (e) {
  out = (e.stdout ?? "") + (e.stderr ?? "");
  if (!out.trim()) throw e;
}
const tscMs = Date.now() - started;
let current = null;
const stray = [];
for (const l of out.split("\n")) {
  const m = l.match(/^(?:.*[\\/])?([^\\/()]+\.ts)\((\d+),(\d+)\): error (TS\d+: .*)$/);
  if (m) {
    current = lineOwner.get(`${m[1]}:${m[2]}`) ?? null;
    const source = fs.readFileSync(path.join(gen, m[1]), "utf8").split("\n")[Number(m[2]) - 1]?.trim();
    const entry = { at: `${m[1]}:${m[2]}`, message: m[4], source };
    if (current) current.errors.push(entry); else stray.push(entry);
  } else if (l.trim() && current) {
    current.errors.at(-1).message += "\n" + l;
  } else if (l.trim()) {
    stray.push({ message: l });
  }
}

// --- Report ------------------------------------------------------------------------------------
const failed = [...distinct.values()].filter((d) => d.errors.length);
const clip = (s, max = 1500) => (s.length > max ? s.slice(0, max) + ` … (${s.length} chars)` : s);
console.log(`@notionhq/client ${sdkVersion}, TypeScript ${require("typescript/package.json").version}`);
console.log(`${requests.length} requests from ${files.length} file(s); ${distinct.size} distinct, in ${shapes.size} shapes (${gen}); tsc ${tscMs} ms`);
for (const [k, c] of [...perRoute].sort()) {
  const m = routes.find((r) => `${r.method} ${r.pattern}` === k);
  console.log(`  ${String(c).padStart(6)}  ${k.padEnd(42)} ${m ? m.typeName : "(no SDK endpoint)"}`);
}
if (skipped) console.log(`  ${skipped} request(s) skipped as listed in unmapped.json`);
for (const p of problems) {
  console.log(`\nREFUSED ${p.key} (${p.test}): ${p.message}\n  body: ${clip(p.body ?? "(none)")}`);
}
for (const d of failed) {
  console.log(`\nREFUSED ${d.route.method} ${d.route.pattern} as ${d.route.typeName}, x${d.count} from ${[...d.tests].join(", ")} (${d.file}:${d.firstLine})`);
  for (const e of d.errors) console.log(`  ${e.at}  ${e.source}\n    ${e.message.split("\n").map((l) => clip(l, 600)).join("\n    ")}`);
  console.log(`  body: ${clip(JSON.stringify(d.literal))}`);
}
for (const s of stray) console.log(`tsc: ${s.at ?? ""} ${s.message}`);

const refused = problems.length + failed.length;
if (expectRefused) {
  const accepted = [...distinct.values()].filter((d) => !d.errors.length);
  for (const d of accepted) console.log(`\nACCEPTED, but this fixture must be refused: ${JSON.stringify(d.literal)}`);
  const ok = accepted.length === 0 && stray.length === 0 && refused > 0;
  const total = problems.length + distinct.size;
  console.log(ok ? `\nOK: all ${total} fixture request(s) refused, as expected`
    : `\nFAIL: ${refused} of ${total} fixture request(s) refused; every one must be`);
  process.exit(ok ? 0 : 1);
}
const ok = refused === 0 && stray.length === 0;
console.log(`\n${ok ? "OK" : "FAIL"}: ${refused} request shape(s) refused by @notionhq/client ${sdkVersion}'s types`);
process.exit(ok ? 0 : 1);
