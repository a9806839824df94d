/** What people write on their accounts: goals, risks, commitments, assessments. Believable, never lorem ipsum. */
import type { RiskKind } from "~/domain/enums";
import type { DepartmentKind } from "./names";

export interface Context {
  first: string;
  team: string;
  managerFirst: string;
  kind: DepartmentKind;
}

type Goal = [title: string, why: string, measure: string];
const fill = (text: string, c: Context) =>
  text
    .replace(/\{first\}/g, c.first)
    .replace(/\{team\}/g, c.team)
    .replace(/\{manager\}/g, c.managerFirst);

const GOALS: Record<DepartmentKind | "any", Goal[]> = {
  engineering: [
    [
      "Lead the payments migration to the new ledger",
      "I have never led a migration end to end and I want to prove I can.",
      "All merchants moved with no incident above severity 3.",
    ],
    [
      "Get promoted to senior engineer",
      "I feel ready for more scope and I want the title to match the work.",
      "Promotion packet accepted in the next cycle.",
    ],
    [
      "Cut on-call pages for {team} by half",
      "Nights on call are wearing the whole team down, me included.",
      "Fewer than 10 pages a month for two months in a row.",
    ],
    [
      "Ship the offline mode for the mobile app",
      "Customers keep asking and I want to own something they notice.",
      "Offline mode released to all users with crash rate under 0.5%.",
    ],
    [
      "Learn Rust well enough to ship a production service",
      "I want to stay hands-on with the languages we are moving to.",
      "One service in Rust running in production.",
    ],
    [
      "Write the design doc for the new permission model",
      "I want to get better at writing, not just coding.",
      "Doc approved by the architecture review.",
    ],
    [
      "Bring test flakiness in the main pipeline below 2%",
      "Waiting on reruns steals an hour from my day.",
      "Flaky rate under 2% for four weeks.",
    ],
    [
      "Speak at an external engineering conference",
      "I want people outside the company to know our work, and to get over my fear of stages.",
      "One talk accepted and given.",
    ],
    [
      "Become the go-to person for database performance",
      "Every slow query lands on someone; I want it to be a strength.",
      "Three slow-query reviews led and documented.",
    ],
  ],
  sales: [
    [
      "Close three enterprise deals this half",
      "I want to show I can run long, complex deals on my own.",
      "Three signed contracts above 50k ARR.",
    ],
    [
      "Build a repeatable discovery call playbook",
      "My best calls are luck; I want them to be method.",
      "Playbook used by the whole team for a quarter.",
    ],
    [
      "Move into an enterprise account role",
      "Bigger customers and longer relationships are what I enjoy.",
      "Transfer agreed by the end of the year.",
    ],
    [
      "Improve my win rate against our main competitor",
      "Losing on price every time is demoralising.",
      "Win rate above 40% in competitive deals.",
    ],
    [
      "Mentor two new sales development reps",
      "I was helped a lot in my first year and I want to pay it back.",
      "Both reps hit quota in their third month.",
    ],
  ],
  operations: [
    [
      "Roll out the new onboarding journey for every joiner",
      "First weeks here were confusing for me; nobody should feel that.",
      "New joiners rate onboarding 4/5 or better.",
    ],
    ["Get my CIPD level 5 qualification", "I want my experience to be recognised formally.", "Qualification passed."],
    [
      "Automate the laptop provisioning process",
      "I spend a day a week on manual setup that a script could do.",
      "New laptops ready in under an hour without manual steps.",
    ],
    [
      "Close the month in five working days",
      "Late closes mean late nights for the whole finance team.",
      "Three consecutive closes in five days.",
    ],
    [
      "Redesign the promotion process with managers",
      "People tell me it feels opaque, and I agree.",
      "New process used in the next promotion round.",
    ],
  ],
  product: [
    [
      "Own the discovery for the reporting revamp",
      "I want to shape a product area from the first interview.",
      "Problem brief and three validated concepts.",
    ],
    [
      "Run twelve customer interviews this quarter",
      "I have drifted away from customers and my decisions feel like guesses.",
      "Twelve interviews with notes shared.",
    ],
    [
      "Launch the design system's dark mode",
      "It is the most requested thing and I want to finish what I started.",
      "Dark mode available across all core screens.",
    ],
    [
      "Get better at presenting to the leadership team",
      "My work gets lost when I present it; I want it to land.",
      "Two leadership reviews where the decision was made on the spot.",
    ],
  ],
  customer: [
    [
      "Bring first-response time under two hours",
      "Customers wait too long and I hear about it every day.",
      "Median first response under two hours for a month.",
    ],
    [
      "Build the onboarding webinar series",
      "I explain the same things one-on-one every day.",
      "Four webinars recorded, 200 attendees.",
    ],
    [
      "Become a team lead in support",
      "I already help the new people; I want the responsibility to match.",
      "Lead role agreed with my manager.",
    ],
    [
      "Reduce churn in my book of accounts",
      "Every account I lose feels personal.",
      "Gross retention above 92% this half.",
    ],
  ],
  marketing: [
    [
      "Grow the newsletter to 20,000 subscribers",
      "It is the one channel I own end to end.",
      "20,000 subscribers with open rate above 35%.",
    ],
    [
      "Launch the new brand guidelines",
      "Our materials look like five different companies.",
      "Guidelines published and used in every campaign.",
    ],
    [
      "Learn marketing analytics properly",
      "I want to argue with numbers, not opinions.",
      "Own the monthly attribution report.",
    ],
    [
      "Run our first customer conference",
      "Events are where I feel most alive at work.",
      "Conference held with 300 attendees and NPS above 50.",
    ],
  ],
  any: [
    [
      "Take a real two-week holiday without checking Slack",
      "I have not switched off properly in two years.",
      "Two weeks away, handover done, no messages sent.",
    ],
    [
      "Get better at saying no to low-value work",
      "I say yes to everything and then my own work slips.",
      "My weekly plan survives to Friday most weeks.",
    ],
    [
      "Move into a people-lead role within a year",
      "I enjoy helping others grow more than anything I build myself.",
      "Leading at least two people by next review.",
    ],
    [
      "Give clearer feedback to peers",
      "I avoid hard conversations and problems linger.",
      "Peer feedback mentions clarity in the next review.",
    ],
    [
      "Work from the Lisbon office for a month",
      "My partner is there and I want to see if remote works for me.",
      "A month abroad with no drop in delivery.",
    ],
    [
      "Finish the leadership course I started last year",
      "I paid for half of it myself and want to see it through.",
      "Certificate and a write-up of what I will change.",
    ],
  ],
};

export function goalText(pick: <T>(xs: readonly T[]) => T, c: Context): Goal {
  const pool = pick([GOALS[c.kind], GOALS[c.kind], GOALS.any]);
  const [title, why, measure] = pick(pool);
  return [fill(title, c), fill(why, c), fill(measure, c)];
}

export const GOAL_UPDATE_NOTES = [
  "Finished the first draft, waiting for review.",
  "Slower week: the incident ate most of it.",
  "Good progress, the hard part is behind me.",
  "Blocked on another team for now.",
  "Split the remaining work into smaller pieces.",
  "Had a useful chat with {manager} about the next step.",
  "",
  "Reset the plan after feedback.",
  "Nearly there, just the last review left.",
  "Paused while I covered for a colleague.",
];

const RISKS: Record<RiskKind, [description: string, mitigation: string][]> = {
  flight: [
    [
      "{first} mentioned a recruiter approach twice and seems to be weighing it.",
      "Ask openly what would make them stay; review the growth plan together.",
    ],
    [
      "Compensation is below band after the last review; {first} knows it.",
      "Raise the band gap with HR before the next cycle.",
    ],
    [
      "Former manager left for a competitor and has been in touch with {first}.",
      "Talk about what keeps them here; give visible ownership of the next project.",
    ],
  ],
  change: [
    [
      "The move to the new team is a big change for {first}; first weeks were rough.",
      "Weekly check-ins for a month; pair them with someone who made the same move.",
    ],
    [
      "{first} is taking on a lead role without much experience of leading.",
      "Leadership course and a fortnightly reflection slot.",
    ],
  ],
  overload: [
    [
      "{first} is on three projects and working late most days.",
      "Take one project off their plate; check workload every 1:1.",
    ],
    [
      "On-call plus the release means {first} has had no quiet week in two months.",
      "Swap the next on-call rotation; protect focus time.",
    ],
  ],
  indecision: [
    [
      "{first} has been undecided between staying IC and moving to management for months.",
      "Try a three-month lead trial with a clear review at the end.",
    ],
    [
      "The relocation decision keeps getting postponed and it weighs on {first}.",
      "Offer a trial month remote; set a date to decide.",
    ],
  ],
  remorse: [
    [
      "{first} took the transfer but seems to miss the old team.",
      "Ask directly about regrets; keep the door open to the old team's work.",
    ],
    [
      "After the switch to part-time, {first} worries about being left out of decisions.",
      "Make sure key meetings fall on working days.",
    ],
  ],
  other: [
    [
      "Health issues in {first}'s family; may need flexible hours.",
      "Agree flexible hours; check in gently, no pressure.",
    ],
    ["{first}'s visa renewal is due this year.", "Start the renewal with HR early; keep them informed."],
  ],
};

export const RISK_POINTS: Record<RiskKind, number[]> = {
  flight: [14],
  change: [8, 5],
  overload: [6, 7],
  indecision: [11],
  remorse: [13],
  other: [9, 15],
};

export function riskText(pick: <T>(xs: readonly T[]) => T, kind: RiskKind, c: Context): [string, string] {
  const [description, mitigation] = pick(RISKS[kind]);
  return [fill(description, c), fill(mitigation, c)];
}

type Commitment = [change: string, pain: string, firstStep: string, support: string];
const COMMITMENTS: Commitment[] = [
  [
    "Block two mornings a week for deep work",
    "Every week ends with my own work half done and I feel behind.",
    "Move standing meetings off Tuesday and Thursday mornings.",
    "I will decline meetings on those mornings for you and tell the team why.",
  ],
  [
    "Hand over the release coordination to someone else",
    "I spend most of release week chasing people instead of building.",
    "Write down the release checklist so someone else can run it.",
    "I will find a volunteer and make the handover part of their goals.",
  ],
  [
    "Ask for feedback after every design review",
    "I only hear what went wrong weeks later, when it is too late to change.",
    "Add a two-question feedback form to the review invite.",
    "I will model it by asking for feedback on my own reviews.",
  ],
  [
    "Stop answering messages after 7pm",
    "I am tired all the time and my partner has noticed.",
    "Turn off notifications in the evening for two weeks.",
    "I will stop sending messages late myself and schedule them instead.",
  ],
  [
    "Pair with a junior engineer once a week",
    "I want to lead but I have no evidence I can teach.",
    "Pick a pairing partner and book the first session.",
    "I will make room in the sprint for pairing time.",
  ],
  [
    "Write the weekly update for the team",
    "Nobody outside the team knows what we ship, including our own director.",
    "Draft the first update and share it with me before sending.",
    "I will forward it to the leadership channel each week.",
  ],
  [
    "Bring one customer story to every planning meeting",
    "We argue about features without anyone having talked to a customer.",
    "Book two customer calls this month.",
    "I will open planning with your story so it gets the time.",
  ],
  [
    "Delegate the monthly report to the new analyst",
    "The report takes me two days a month and I have outgrown it.",
    "Walk the analyst through last month's report.",
    "I will review the first two with both of you.",
  ],
  [
    "Prepare the 1:1 agenda the day before",
    "Our 1:1s drift into status updates and my topics get lost.",
    "Add three topics before the next 1:1.",
    "I will hold the first half of each 1:1 for your topics.",
  ],
  [
    "Say no to new projects until the migration ships",
    "Saying yes to everything is why the migration is late.",
    "List everything on my plate and pick what to drop.",
    "I will back you up when people ask why.",
  ],
  [
    "Take the lead on the next incident review",
    "I stay quiet in reviews and my ideas get credited to others.",
    "Volunteer for the next review in the channel.",
    "I will coach you on facilitation before it happens.",
  ],
  [
    "Use my learning budget on a course this quarter",
    "I keep postponing my own growth for deadlines.",
    "Choose a course and send me the link.",
    "I will approve it the same day and protect the hours.",
  ],
];

export function commitmentText(pick: <T>(xs: readonly T[]) => T): Commitment {
  return pick(COMMITMENTS);
}

export const CHECK_IN_NOTES = [
  "Kept it up this week, felt the difference.",
  "Slipped twice because of the release, back on track now.",
  "Harder than expected; the team keeps pulling me back in.",
  "Done the first step. Next: make it a habit.",
  "Talked it through in the 1:1, adjusting the plan.",
  "No progress this time, too many fires.",
  "Going well, others have started doing the same.",
  "",
];

export const REMORSE_NOTES = {
  glad: [
    "Really glad, I would do it again.",
    "Yes, it made the biggest difference this quarter.",
    "Glad, though it took a month to feel normal.",
  ],
  sorry: ["Not sure any more; I miss some of what I gave up.", "It solved one problem and created another."],
};

const ASSESSMENT_NOTES = {
  manager: {
    low: [
      "We keep running out of time for this in our 1:1s.",
      "I have not asked about this for a while; my gap.",
      "Signals this is an issue; raised it last time.",
    ],
    mid: [
      "Some progress, still patchy.",
      "Comes up occasionally, not consistently.",
      "Okay for now; worth revisiting next quarter.",
    ],
    high: [
      "Strong: we talk about this every few weeks.",
      "This is going well and {first} says so too.",
      "No concerns here.",
    ],
  },
  self: {
    low: [
      "I do not feel this comes up in our 1:1s.",
      "Honestly, this is where I struggle most.",
      "Would like more time on this.",
    ],
    mid: ["Better than last quarter, not there yet.", "Depends on the week.", "Sometimes yes, sometimes no."],
    high: ["Yes, this feels right.", "My manager is good at this.", "No complaints here."],
  },
} as const;

export function assessmentNote(
  pick: <T>(xs: readonly T[]) => T,
  perspective: "manager" | "self",
  rating: number,
  c: Context,
): string {
  const band = rating <= 2 ? "low" : rating === 3 ? "mid" : "high";
  return fill(pick(ASSESSMENT_NOTES[perspective][band]), c);
}

export { fill };
