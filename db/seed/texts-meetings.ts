/** What people write around a 1:1: topics, notes, follow-ups. */
import { fill, type Context } from "./texts-account";

type Pick = <T>(xs: readonly T[]) => T;

const REPORT_TOPICS: [string, string][] = [
  ["Workload for the next sprint", "I think we have committed to more than we can do."],
  ["Career path: staff engineer or manager?", "I keep going back and forth and would like your view."],
  ["Feedback on my presentation last week", ""],
  ["Conference budget for this year", "There is one in October I would really like to attend."],
  ["Promotion timeline", "What would I need to show before the next cycle?"],
  ["Working from home on Fridays", ""],
  ["Friction with another team", "Handoffs with them keep slipping and I do not know how to raise it."],
  ["Parental leave planning", "I would like to start planning the handover early."],
  ["My goal is stuck", "I could use help unblocking it."],
  ["Can we talk about the reorg rumours?", ""],
  ["On-call rota feels unfair", "Same three people every holiday."],
  ["Learning budget: which course?", ""],
  ["I would like more ownership on {team} work", ""],
  ["Feedback for you", "A couple of things from the last planning meeting."],
];

const MANAGER_TOPICS: [string, string][] = [
  ["Priorities for next quarter", ""],
  ["Feedback from the {team} retro", "A few points worth talking through together."],
  ["Peer feedback summary", "Collected from three colleagues."],
  ["Your goals: anything to change?", ""],
  ["Hiring loop: would you interview?", "We are opening two roles next month."],
  ["How are you finding the new process?", ""],
  ["Upcoming changes in the department", "Nothing final yet, but I want you to hear it from me."],
  ["Holiday plans over the summer", ""],
  ["What would make you stay another two years?", "An open conversation, no wrong answers."],
];

export function topicText(pick: Pick, source: "report" | "manager", c: Context): [string, string] {
  const [title, details] = pick(source === "report" ? REPORT_TOPICS : MANAGER_TOPICS);
  return [fill(title, c), fill(details, c)];
}

const SHARED_OPENINGS = [
  "Talked about how the last two weeks went.",
  "{first} opened with their topics first.",
  "Short one today, we were both tired after the release.",
  "Started with the goals, then follow-ups.",
  "Good energy today.",
];
const SHARED_MIDDLES = [
  "Agreed the migration can slip a week rather than cut testing.",
  "{first} wants more ownership of the roadmap; we will try it next quarter.",
  "Went through the peer feedback: clear strengths in mentoring, room to grow on written communication.",
  "Workload is high; we dropped one project to make room.",
  "Discussed the promotion criteria in detail.",
  "Reviewed the open follow-ups; two done, one carried.",
  "Talked about the reorg and what it means for {team}.",
  "{first} shared a new idea for the onboarding flow, worth a prototype.",
  "We looked at the checklist together and the gap on overload stood out.",
  "Conference talk accepted: congratulations!",
];
const SHARED_CLOSINGS = [
  "Next time: start with the career conversation.",
  "Follow-ups recorded below.",
  "Both happy with where this landed.",
  "Will check in on the commitment next time.",
  "",
];
const MANAGER_PRIVATE = [
  "Seemed tired; third week of late deploys. Check in on workload next time without making it a big deal.",
  "I think {first} is looking around. Do not push, but ask what would make them stay.",
  "Much more confident than a month ago. Mention this in the review.",
  "Did not raise the conflict with the other team; ask gently next time.",
  "Remember to talk to HR about the salary band before the cycle.",
  "I talked too much today. Next time: listen first.",
];
const REPORT_PRIVATE = [
  "Ask about the staff engineer rubric next time.",
  "Did not mention the recruiter call. Not sure yet.",
  "Felt heard today. Good sign.",
  "Remember to bring the numbers next time, not just the story.",
  "Still not clear what 'more ownership' means in practice.",
];

export function sharedNote(pick: Pick, c: Context): string {
  return [pick(SHARED_OPENINGS), pick(SHARED_MIDDLES), pick(SHARED_MIDDLES), pick(SHARED_CLOSINGS)]
    .filter((s, i, all) => s && all.indexOf(s) === i)
    .map((s) => fill(s, c))
    .join(" ");
}

export function privateNote(pick: Pick, author: "manager" | "report", c: Context): string {
  return fill(pick(author === "manager" ? MANAGER_PRIVATE : REPORT_PRIVATE), c);
}

const REPORT_ACTIONS = [
  "Draft the RFC for the new permission model",
  "Share the onboarding checklist with the team",
  "Book time with a peer to pair on the migration",
  "Write up the incident review",
  "Update my goal with this quarter's numbers",
  "Send the conference proposal for review",
  "Prepare three options for the roadmap discussion",
  "List what I would drop to make room for the new project",
  "Ask two colleagues for feedback on the design review",
  "Finish the handover notes for the release",
  "Pick a course from the learning catalogue",
  "Talk to the other team lead about the handoff problem",
];
const MANAGER_ACTIONS = [
  "Ask about budget for the conference",
  "Introduce {first} to the design systems lead",
  "Review the promotion packet draft",
  "Clear Friday afternoons of recurring meetings",
  "Follow up with recruiting about the open role",
  "Raise the on-call rota with the other managers",
  "Check the salary band with HR",
  "Find a mentor for {first} outside the team",
  "Share the reorg plan as soon as it is final",
  "Give feedback on the {team} roadmap draft",
];

export function actionText(pick: Pick, owner: "manager" | "report", c: Context): string {
  return fill(pick(owner === "report" ? REPORT_ACTIONS : MANAGER_ACTIONS), c);
}
