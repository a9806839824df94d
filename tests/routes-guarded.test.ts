import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

/**
 * Every route's loader and action starts with a guard from the one guards
 * module (app/http/guards.server.ts): signed in, the record loaded, the policy
 * asked. Read from the source, so a new route cannot forget: nothing touches
 * the database, a service or the policy before the guard, and no route signs
 * in, loads the record it authorizes or refuses by hand.
 */

const ROUTES_DIR = path.resolve(__dirname, "../app/routes");
const GUARDS = "~/http/guards.server";

/** The routes anyone may reach, each with its reason. */
const PUBLIC: Record<string, string> = {
  "sign-in": "signing in is how one gets a session",
  "sign-out": "ending a session needs none",
  "auth.oidc": "starting single sign-on is a way to get a session",
  "auth.oidc_.callback": "the provider sends the browser back here, without a session, to get one",
  "invite.$token": "an invited person has no password, so no session, until this page sets one",
  "reset-password.$token": "someone who forgot their password has no session; the mailed link is their proof",
  "forgot-password": "asking for a reset link is for people who cannot sign in",
  "unsubscribe.$token":
    "one-click unsubscribe (RFC 8058) is posted by mail providers' servers, with no session; the token is the proof",
};

/** What only a guard may do: sign in, load the record to authorize, ask the policy and refuse. */
const GUARD_WORK: Record<string, Record<string, string>> = {
  "~/http/session.server": { requireViewer: "signs in by hand", getViewer: "signs in by hand" },
  "~/http/guards.server": { authorize: "authorizes by hand" },
  "~/http/errors.server": { forbidden: "refuses by hand" },
  "~/services/subjects.server": {
    loadSubject: "loads the subject to authorize by hand",
    loadPerson: "loads the subject to authorize by hand",
  },
  "~/services/account.server": { loadAccountHead: "loads the subject to authorize by hand" },
  "~/services/meetings.server": { loadMeeting: "loads the 1:1 to authorize by hand" },
  "~/services/commitments.server": { loadCommitmentSubject: "loads the subject to authorize by hand" },
  "~/services/calendar-feeds.server": {
    authenticateCalendarFeed: "checks a calendar feed token by hand",
    loadPair: "loads the pair to authorize by hand",
  },
  // The SCIM service's sign-in is a bearer token: checking one is the guard's work too.
  "~/services/scim-tokens.server": { authenticateScimToken: "checks a SCIM token by hand" },
  "~/http/scim.server": {
    bearerToken: "reads a SCIM token by hand",
    scimUnauthorized: "refuses a SCIM client by hand",
  },
};

/**
 * The SCIM routes answer identity providers, by bearer token and never by
 * cookie; no other route takes a token. So each kind has its one guard.
 */
const SCIM_GUARD = "requireScimClient";
const isScimRoute = (file: string) => file.startsWith("scim.");

/** Imports that reach data or policy: none may run before the guard. */
const touchesData = (from: string) =>
  from.startsWith("~/services/") || from.startsWith("~/auth/") || from.startsWith("#db/");
/** The policy's answers, which a route may show (canEdit) but never throw on. */
const POLICY = new Set(["allows", "can"]);

interface Import {
  from: string;
  name: string;
}

function problemsIn(file: string, source: string): string[] {
  const sf = ts.createSourceFile(`${file}.tsx`, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const isPublic = file in PUBLIC;
  const problems: string[] = [];
  const imports = new Map<string, Import>();

  for (const statement of sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = statement.moduleSpecifier.text;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings) || statement.importClause?.isTypeOnly) continue;
    for (const element of bindings.elements) {
      if (element.isTypeOnly) continue;
      const name = (element.propertyName ?? element.name).text;
      imports.set(element.name.text, { from, name });
      const work = GUARD_WORK[from]?.[name];
      if (work && !(isPublic && name === "getViewer"))
        problems.push(`imports ${name} from ${from}: it ${work}; use a guard from ${GUARDS}`);
    }
  }

  const isGuard = (node: ts.Node): boolean => {
    const imported = ts.isIdentifier(node) ? imports.get(node.text) : undefined;
    return imported?.from === GUARDS && imported.name.startsWith("require");
  };
  const touchy = (node: ts.Identifier): boolean => {
    const imported = imports.get(node.text);
    return !!imported && touchesData(imported.from);
  };

  const visit = (node: ts.Node, check: (node: ts.Node) => void) => {
    check(node);
    ts.forEachChild(node, (child) => visit(child, check));
  };

  visit(sf, (node) => {
    if (ts.isFunctionDeclaration(node) && node.name && /^require[A-Z]/.test(node.name.text)) {
      problems.push(`defines its own guard ${node.name.text}; guards live in ${GUARDS}`);
    }
    if (ts.isIfStatement(node)) {
      let asksPolicy = false;
      let throws = false;
      visit(node.expression, (n) => {
        if (ts.isIdentifier(n) && POLICY.has(imports.get(n.text)?.name ?? "")) asksPolicy = true;
      });
      visit(node.thenStatement, (n) => {
        if (ts.isThrowStatement(n)) throws = true;
      });
      if (asksPolicy && throws)
        problems.push(`throws on the policy's answer at line ${line(sf, node)}; refusing is a guard's work`);
    }
  });

  for (const [name, body] of handlers(sf, problems)) {
    if (isPublic) continue;
    let firstAwait: ts.AwaitExpression | undefined;
    visit(body, (n) => {
      if (!firstAwait && ts.isAwaitExpression(n)) firstAwait = n;
    });
    const awaited = firstAwait?.expression;
    const guardCall = awaited && ts.isCallExpression(awaited) && isGuard(awaited.expression) ? awaited : undefined;
    if (!guardCall) {
      problems.push(`${name} does not start with a guard from ${GUARDS}`);
      continue;
    }
    const guardName = imports.get((guardCall.expression as ts.Identifier).text)?.name;
    if (isScimRoute(file) !== (guardName === SCIM_GUARD)) {
      problems.push(
        isScimRoute(file)
          ? `${name} of a SCIM route starts with ${guardName}, not ${SCIM_GUARD}`
          : `${name} starts with ${SCIM_GUARD}, which only SCIM routes use`,
      );
    }
    visit(body, (n) => {
      if (ts.isIdentifier(n) && n.end <= guardCall.getStart() && touchy(n)) {
        problems.push(`${name} uses ${n.text} before its guard`);
      }
    });
  }
  return problems;
}

/** The exported loader and action bodies; anything exported in another shape cannot be checked and is a problem. */
function handlers(sf: ts.SourceFile, problems: string[]): [string, ts.Node][] {
  const found: [string, ts.Node][] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of sf.statements) {
    if (
      ts.isFunctionDeclaration(statement) &&
      exported(statement) &&
      statement.name &&
      isHandler(statement.name.text)
    ) {
      if (statement.body) found.push([statement.name.text, statement.body]);
    } else if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || !isHandler(declaration.name.text)) continue;
        const init = declaration.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
          found.push([declaration.name.text, init.body]);
        else problems.push(`${declaration.name.text} is not a function this test can read`);
      }
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) {
        if (isHandler(element.name.text))
          problems.push(`${element.name.text} is re-exported; define it in the route so this test can read it`);
      }
    }
  }
  return found;
}

const isHandler = (name: string) => name === "loader" || name === "action";
const line = (sf: ts.SourceFile, node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;

/** Route modules by name without the extension, as PUBLIC lists them; tests beside them are not routes. */
function routeModules(): string[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
    .sort();
}

const moduleName = (fileName: string) => fileName.replace(/\.tsx?$/, "");
const read = (fileName: string) => fs.readFileSync(path.join(ROUTES_DIR, fileName), "utf8");

describe("every route goes through a guard", () => {
  test.each(routeModules())("%s", (fileName) => {
    expect(problemsIn(moduleName(fileName), read(fileName))).toEqual([]);
  });

  test("the public routes are real routes, and the rest export loaders and actions to check", () => {
    const files = routeModules();
    for (const file of Object.keys(PUBLIC)) expect(files.map(moduleName)).toContain(file);
    const checked = files
      .filter((fileName) => !(moduleName(fileName) in PUBLIC))
      .flatMap((fileName) =>
        handlers(ts.createSourceFile(fileName, read(fileName), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX), []),
      );
    expect(checked.length).toBeGreaterThan(40);
  });
});

describe("the check itself", () => {
  const route = (body: string, imports = "") => `
    import { requireAccount, requireViewer } from "~/http/guards.server";
    import { allows } from "~/auth/authorize.server";
    import { getDb } from "~/services/db.server";
    import { listRisks } from "~/services/risks.server";
    import { notFound } from "~/http/errors.server";
    ${imports}
    export async function loader({ request, params }) {
      ${body}
    }`;

  test("passes a guarded loader that shows the policy's answer", () => {
    const source = route(`
      const { viewer, db, subject } = await requireAccount(request, params.personId, "risk:read");
      const risks = await listRisks(db, viewer, subject);
      if (!risks) throw notFound();
      return { risks, canWrite: allows(viewer, "risk:write", { subject }) };`);
    expect(problemsIn("fixture", source)).toEqual([]);
  });

  test("fails a loader with no guard, or one that reads data before it", () => {
    expect(problemsIn("fixture", route(`return listRisks(await getDb());`))).toEqual([
      `loader does not start with a guard from ${GUARDS}`,
    ]);
    expect(
      problemsIn(
        "fixture",
        route(`const db = getDb(); const { viewer } = await requireViewer(request); return listRisks(db, viewer);`),
      ),
    ).toEqual(["loader uses getDb before its guard"]);
  });

  test("fails the hand-written guard: sign in, load the subject, authorize", () => {
    const source = route(
      `const viewer = await requireViewer(request);
      const subject = await loadSubject(await getDb(), params.personId);
      authorize(viewer, "account:read", { subject }, { hide: true });
      return { subject };`,
      `import { requireViewer } from "~/http/session.server";
      import { authorize } from "~/http/guards.server";
      import { loadSubject } from "~/services/subjects.server";`,
    );
    const problems = problemsIn("fixture", source);
    expect(problems).toContain(
      `imports requireViewer from ~/http/session.server: it signs in by hand; use a guard from ${GUARDS}`,
    );
    expect(problems).toContain(`imports authorize from ${GUARDS}: it authorizes by hand; use a guard from ${GUARDS}`);
    expect(problems).toContain(
      `imports loadSubject from ~/services/subjects.server: it loads the subject to authorize by hand; use a guard from ${GUARDS}`,
    );
  });

  test("fails a refusal built from the policy's answer, and a guard defined in the route", () => {
    const source = route(
      `const { viewer, subject } = await requireAccount(request, params.personId, "account:read");
      if (!allows(viewer, "risk:write", { subject })) throw notFound();
      return null;`,
    );
    expect(problemsIn("fixture", source)).toEqual([
      `throws on the policy's answer at line 10; refusing is a guard's work`,
    ]);
    const wrapper =
      route(
        `const { viewer } = await requireMine(request);
      return viewer;`,
      ) + `\nasync function requireMine(request) { return requireViewer(request); }`;
    expect(problemsIn("fixture", wrapper)).toEqual([
      `defines its own guard requireMine; guards live in ${GUARDS}`,
      `loader does not start with a guard from ${GUARDS}`,
    ]);
  });

  test("holds SCIM routes to the bearer-token guard, and every other route to the others", () => {
    const scim = `
      import { requireScimClient, requireAdmin } from "~/http/guards.server";
      export async function loader({ request }) { const { db } = await requireAdmin(request); return db; }
      export async function action({ request }) { const { client } = await requireScimClient(request); return client; }`;
    expect(problemsIn("scim.v2.Users", scim)).toEqual([
      `loader of a SCIM route starts with requireAdmin, not ${SCIM_GUARD}`,
    ]);
    expect(problemsIn("admin.people", scim)).toEqual([`action starts with ${SCIM_GUARD}, which only SCIM routes use`]);
    const byHand = `
      import { requireScimClient } from "~/http/guards.server";
      import { authenticateScimToken } from "~/services/scim-tokens.server";
      export async function loader({ request }) { await requireScimClient(request); return null; }`;
    expect(problemsIn("scim.v2.Users", byHand)).toEqual([
      `imports authenticateScimToken from ~/services/scim-tokens.server: it checks a SCIM token by hand; use a guard from ${GUARDS}`,
    ]);
  });

  test("fails a handler it cannot read", () => {
    expect(problemsIn("fixture", `export const loader = wrap(async () => null);`)).toEqual([
      "loader is not a function this test can read",
    ]);
    expect(problemsIn("fixture", `export { loader } from "./elsewhere";`)).toEqual([
      "loader is re-exported; define it in the route so this test can read it",
    ]);
  });
});
