/**
 * What the simulated people do: each one loops "look at a page, maybe send a
 * form, think" until the time is up, finding ids and versions on the pages
 * as a person clicking through would, and sending exactly the fields each
 * form holds. Managers run their reports' 1:1s; everyone keeps their own
 * goals, topics, follow-ups and pulses.
 */
import type { Answer, Browser } from "./client";
import { formsIn, formsWithIntent, linkedIds, type PageForm } from "./html";
import { newMarker, type Ledger, type WriteKind } from "./ledger";

export interface SimulatedPerson {
  id: string;
  isManager: boolean;
}

export interface World {
  browser: Browser;
  ledger: Ledger;
  random: () => number;
  /** Milliseconds since the run started. */
  now: () => number;
}

/** What this person's open tab last showed them. */
interface Memory {
  nextMeetingId?: string;
  goalIds: string[];
  pulseMeetingId?: string;
  /** Manager: each report's next 1:1, as My people showed it. */
  teamMeetings: string[];
  reportIds: string[];
}

type Action = (person: SimulatedPerson, memory: Memory, world: World) => Promise<unknown>;

const pick = <T>(items: readonly T[], random: () => number): T | undefined =>
  items[Math.floor(random() * items.length)];

const TOPICS = [
  "Career path next year",
  "Feedback on the last release",
  "Workload this sprint",
  "Conference budget",
  "Pairing with the new hire",
];
const GOALS = [
  "Lead the billing migration",
  "Speak at a meetup",
  "Get the AWS certification",
  "Mentor a junior engineer",
];
const FOLLOW_UPS = ["Send the outline", "Book the training", "Review the design doc", "Ask finance about the budget"];

// ---- reading ------------------------------------------------------------

async function readHome(_p: SimulatedPerson, memory: Memory, { browser, random }: World): Promise<Answer> {
  // A client-side navigation fetches the data alone; a first visit or reload, the document.
  const answer = await browser.get(random() < 0.2 ? "/me.data" : "/me", "/me");
  if (answer.status === 200 && !answer.body.startsWith("[")) rememberHome(answer.body, memory);
  return answer;
}

function rememberHome(html: string, memory: Memory) {
  const topicForm = formsWithIntent(html, "add-topic")[0];
  memory.nextMeetingId = topicForm?.action?.match(/\/meetings\/([0-9a-f-]{36})/)?.[1];
  memory.goalIds = linkedIds(html, "/me/goals/");
  memory.pulseMeetingId = linkedIds(html, "/meetings/", "/pulse")[0];
}

async function readMyPeople(_p: SimulatedPerson, memory: Memory, { browser, random }: World): Promise<Answer> {
  const data = random() < 0.2;
  const answer = await browser.get(data ? "/people.data" : "/people", "/people");
  if (answer.status === 200 && !data) {
    memory.reportIds = linkedIds(answer.body, "/people/");
    memory.teamMeetings = linkedIds(answer.body, "/meetings/");
  }
  return answer;
}

async function readAccount(p: SimulatedPerson, memory: Memory, world: World) {
  if (!memory.reportIds.length) return readMyPeople(p, memory, world);
  const reportId = pick(memory.reportIds, world.random)!;
  return world.browser.get(`/people/${reportId}`, "/people/:id");
}

async function readFollowUps(_p: SimulatedPerson, _m: Memory, { browser }: World) {
  return browser.get("/follow-ups", "/follow-ups");
}

/** The agenda of one of the manager's upcoming 1:1s, fresh from the server. */
async function openAgenda(
  p: SimulatedPerson,
  memory: Memory,
  world: World,
): Promise<{ meetingId: string; html: string } | null> {
  if (!memory.teamMeetings.length) {
    const people = await readMyPeople(p, memory, world);
    if (people.status !== 200 || !memory.teamMeetings.length) return null;
  }
  const meetingId = pick(memory.teamMeetings, world.random)!;
  const answer = await world.browser.get(`/meetings/${meetingId}`, "/meetings/:id");
  return answer.status === 200 ? { meetingId, html: answer.body } : null;
}

// ---- writing ------------------------------------------------------------

function send(
  world: World,
  path: string,
  page: string,
  form: PageForm | Record<string, string>,
  extra: Record<string, string | number>,
) {
  const fields = "fields" in form ? (form.fields as Record<string, string>) : form;
  return world.browser.post(path, page, { ...fields, ...extra });
}

async function addTopicFromHome(p: SimulatedPerson, memory: Memory, world: World) {
  const home = await world.browser.get("/me", "/me");
  if (home.status !== 200) return;
  rememberHome(home.body, memory);
  const form = formsWithIntent(home.body, "add-topic")[0];
  if (!form?.action) return;
  const marker = newMarker();
  const answer = await send(world, form.action, "/meetings/:id", form, {
    title: `${marker} ${pick(TOPICS, world.random)}`,
    ...(world.random() < 0.3 ? { private: "on" } : {}),
  });
  world.ledger.record("topic", answer, "redirect", { marker, meetingId: memory.nextMeetingId });
}

async function addGoal(_p: SimulatedPerson, _m: Memory, world: World) {
  const page = await world.browser.get("/me/goals/new", "/me/goals/new");
  if (page.status !== 200) return;
  const marker = newMarker();
  const answer = await world.browser.post("/me/goals/new", "/me/goals/new", {
    title: `${marker} ${pick(GOALS, world.random)}`,
    whyItMatters: "It is the next step I want to take.",
    successMeasure: "Done when my manager and I agree it is.",
    targetDate: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
  });
  world.ledger.record("goal", answer, "redirect", { marker });
}

/**
 * Moves one of their goals on. Sometimes the same form goes twice at once
 * (two tabs, a double click) from the same version: one must win, the other
 * be told it is stale (409), and never both be saved.
 */
async function recordGoalProgress(p: SimulatedPerson, memory: Memory, world: World) {
  if (!memory.goalIds.length) await readHome(p, memory, world);
  const goalId = pick(memory.goalIds, world.random);
  if (!goalId) return;
  const page = await world.browser.get(`/me/goals/${goalId}`, "/me/goals/:id");
  if (page.status !== 200) return;
  const form = formsWithIntent(page.body, "progress")[0];
  if (!form) return;
  const submit = async () => {
    const marker = newMarker();
    const progress = Math.min(100, Math.round(world.random() * 20) * 5);
    const answer = await send(world, `/me/goals/${goalId}`, "/me/goals/:id", form, {
      progress,
      note: `${marker} moved on`,
    });
    world.ledger.record("progress", answer, "redirect", { marker });
  };
  await Promise.all(world.random() < 0.15 ? [submit(), submit()] : [submit()]);
}

async function answerPulse(p: SimulatedPerson, memory: Memory, world: World) {
  if (!memory.pulseMeetingId) return readHome(p, memory, world);
  const meetingId = memory.pulseMeetingId;
  memory.pulseMeetingId = undefined;
  const page = await world.browser.get(`/meetings/${meetingId}/pulse`, "/meetings/:id/pulse");
  if (page.status !== 200 || /already answered/.test(page.body)) return;
  const score = (min: number, max: number) => min + Math.floor(world.random() * (max - min + 1));
  const answer = await world.browser.post(`/meetings/${meetingId}/pulse`, "/meetings/:id/pulse", {
    understood: score(1, 5),
    progressing: score(1, 5),
    overloaded: score(1, 5),
    enps: score(0, 10),
  });
  world.ledger.record("pulse", answer, "redirect", { meetingId });
}

/** Settles one open follow-up with the buttons of its row's form. */
async function settleFollowUp(p: SimulatedPerson, memory: Memory, world: World) {
  const page = await readFollowUps(p, memory, world);
  if (page.status !== 200) return;
  const form = pick(
    formsIn(page.body).filter((f) => f.fields.itemId),
    world.random,
  );
  const button =
    form &&
    pick(
      form.buttons.filter((b) => b.name === "status"),
      world.random,
    );
  if (!form || !button) return;
  const answer = await send(world, "/follow-ups", "/follow-ups", form, { [button.name]: button.value });
  world.ledger.record("settle", answer, "redirect", { itemId: form.fields.itemId, settledAs: button.value });
}

function meetingWrite(kind: WriteKind, fields: (marker: string, world: World) => Record<string, string>) {
  return async (p: SimulatedPerson, memory: Memory, world: World) => {
    const agenda = await openAgenda(p, memory, world);
    if (!agenda) return;
    const marker = newMarker();
    const answer = await world.browser.post(`/meetings/${agenda.meetingId}`, "/meetings/:id", fields(marker, world));
    world.ledger.record(kind, answer, "redirect", { marker, meetingId: agenda.meetingId });
  };
}

const addActionItem = meetingWrite("action", (marker, world) => ({
  intent: "add-action",
  title: `${marker} ${pick(FOLLOW_UPS, world.random)}`,
  owner: world.random() < 0.6 ? "report" : "manager",
  ...(world.random() < 0.5 ? { dueOn: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10) } : {}),
}));

const addNote = meetingWrite("note", (marker, world) => ({
  intent: "add-note",
  visibility: world.random() < 0.7 ? "shared" : "private",
  body: `${marker} We agreed to revisit this next time.`,
}));

const addManagerTopic = meetingWrite("topic", (marker, world) => ({
  intent: "add-topic",
  title: `${marker} ${pick(TOPICS, world.random)}`,
  details: "From the manager.",
}));

/** Ticks an agenda item not yet discussed, with the fields of its own form. */
async function tickAgendaItem(p: SimulatedPerson, memory: Memory, world: World) {
  const agenda = await openAgenda(p, memory, world);
  if (!agenda) return;
  const open = formsWithIntent(agenda.html, "check").filter((f) => f.fields.checked === "true");
  const form = pick(open, world.random);
  if (!form) return;
  const answer = await send(world, `/meetings/${agenda.meetingId}`, "/meetings/:id", form, {});
  world.ledger.record("check", answer, "ok", { meetingId: agenda.meetingId, itemKey: form.fields.itemKey });
}

/** Finishes a 1:1; now and then the button is pressed twice before the first answer. */
async function finishMeeting(p: SimulatedPerson, memory: Memory, world: World) {
  const agenda = await openAgenda(p, memory, world);
  if (!agenda) return;
  const form = formsWithIntent(agenda.html, "finish")[0];
  if (!form) return;
  const submit = async () => {
    const answer = await send(world, `/meetings/${agenda.meetingId}`, "/meetings/:id", form, {});
    const nextMeetingId = answer.location?.match(/finished=([0-9a-f-]{36})/)?.[1];
    const write = world.ledger.record("finish", answer, "redirect", { meetingId: agenda.meetingId, nextMeetingId });
    if (write.outcome === "acknowledged" && nextMeetingId) {
      memory.teamMeetings = [...memory.teamMeetings.filter((id) => id !== agenda.meetingId), nextMeetingId];
    }
  };
  await Promise.all(world.random() < 0.1 ? [submit(), submit()] : [submit()]);
}

// ---- who does what, how often -------------------------------------------

const EVERYONE: [Action, number][] = [
  [readHome, 30],
  [addTopicFromHome, 12],
  [addGoal, 5],
  [recordGoalProgress, 12],
  [answerPulse, 4],
  [settleFollowUp, 4],
];

const MANAGERS: [Action, number][] = [
  [readMyPeople, 20],
  [readAccount, 15],
  [async (p, m, w) => openAgenda(p, m, w), 12],
  [tickAgendaItem, 10],
  [addActionItem, 8],
  [addNote, 5],
  [addManagerTopic, 5],
  [finishMeeting, 4],
  [settleFollowUp, 4],
  // Managers are someone's report too.
  ...EVERYONE.map(([action, weight]): [Action, number] => [action, weight / 3]),
];

function choose(actions: [Action, number][], random: () => number): Action {
  const total = actions.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [action, weight] of actions) {
    roll -= weight;
    if (roll < 0) return action;
  }
  return actions[0]![0];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One person until `until` (ms since the start): act, think, repeat. */
export async function live(
  person: SimulatedPerson,
  world: World,
  until: number,
  thinkMs: [number, number],
): Promise<void> {
  const memory: Memory = { goalIds: [], teamMeetings: [], reportIds: [] };
  const actions = person.isManager ? MANAGERS : EVERYONE;
  // Everyone opens their home page first, spread over the first think time.
  await sleep(world.random() * thinkMs[1]);
  while (world.now() < until) {
    const action = choose(actions, world.random);
    await action(person, memory, world);
    const pause = thinkMs[0] + world.random() * (thinkMs[1] - thinkMs[0]);
    if (world.now() + pause >= until) break;
    await sleep(pause);
  }
}
