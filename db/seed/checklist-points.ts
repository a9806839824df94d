import type { Lens } from "~/domain/enums";

export interface ChecklistPointSeed {
  key: number;
  lens: Lens;
  title: string;
  /** Seed 004's statement about customers, verbatim. */
  customerStatement: string;
  /** The same truth, turned toward the people we manage. */
  peopleTranslation: string;
  /** What a manager can ask in a 1:1 to learn where this stands. */
  question: string;
  /**
   * What the report answers when they rate themself, in their own voice and
   * turned so that 5 is good: "not at all" (1) to "fully" (5). ADR 030.
   */
  selfQuestion: string;
}

export const CHECKLIST_POINTS: readonly ChecklistPointSeed[] = [
  {
    key: 1,
    lens: "success",
    title: "Not about us",
    customerStatement: "They don't care about how much we talk about our success, who we are, and our companies.",
    peopleTranslation:
      "Our people are not moved by how well the team or the company is doing; a 1:1 spent on our news is a 1:1 lost to them.",
    question: "How much of our last few 1:1s felt like they were about you rather than about me or the team?",
    selfQuestion:
      "How much are our 1:1s about you and what you need, rather than about the team's or the company's news?",
  },
  {
    key: 2,
    lens: "success",
    title: "Their own success",
    customerStatement:
      "We know they care most about their own success. They want to eliminate problems, address new opportunities, grow, achieve their goals.",
    peopleTranslation:
      "Each person cares most about removing their own obstacles, taking their own opportunities and growing toward goals they chose.",
    question: "What would make the next three months a success for you, in your own words?",
    selfQuestion:
      "How clearly can you see your own success here: the obstacles you want gone, the chances you want to take, the goals you chose?",
  },
  {
    key: 3,
    lens: "success",
    title: "Their goals, not ours",
    customerStatement:
      "We know they don't care about our goals and what we need to accomplish, they care about theirs.",
    peopleTranslation:
      "Our targets matter to them only where they meet their own goals; we reach ours by helping them reach theirs.",
    question: "Which of your goals is the team's work helping, and which is it getting in the way of?",
    selfQuestion: "How much does the team's work move your own goals forward?",
  },
  {
    key: 4,
    lens: "change",
    title: "Teach and tailor",
    customerStatement:
      'We know they may not understand the need/opportunity to change and the impact on their performance, so we seek to "teach, tailor, take control."',
    peopleTranslation:
      "People may not yet see why a change would help them; our job is to teach, fit it to their situation, and lead the conversation.",
    question: "Is there a change you keep hearing about that you still don't see the point of?",
    selfQuestion: "How well do you understand why the changes around you would help you?",
  },
  {
    key: 5,
    lens: "change",
    title: "Pain of doing nothing",
    customerStatement:
      'We know that sometimes we have to incite them to change by helping them understand the "pain of doing nothing is greater than the pain of change."',
    peopleTranslation:
      "Change happens when standing still is seen to cost more than moving; we help people weigh the two honestly.",
    question: "If nothing changes for you in the next six months, what does that cost you?",
    selfQuestion: "How clearly can you weigh what standing still costs you against what a change would cost you?",
  },
  {
    key: 6,
    lens: "overload",
    title: "Help with their process",
    customerStatement:
      "We know our customers struggle in their process, they don't know how to buy, what they should be looking at, the risks. They need help with their process and in their journey.",
    peopleTranslation:
      "People struggle with how to get things done here: who decides, what to look at, what could go wrong. They need help with the path, not only the destination.",
    question: "Where are you stuck on how to get something done, rather than on what to do?",
    selfQuestion:
      "How well do you know how to get things done here: who decides, what to look at, what could go wrong?",
  },
  {
    key: 7,
    lens: "overload",
    title: "Too much information",
    customerStatement:
      "We know they are overwhelmed with information and choice. They need help in making sense about what's important to them, they need to be confident they have chosen well.",
    peopleTranslation:
      "People drown in messages, meetings and options; they need help deciding what matters to them and confidence that they chose well.",
    question: "What is taking your attention that you suspect doesn't deserve it?",
    selfQuestion: "How well can you tell what deserves your attention among all the messages, meetings and options?",
  },
  {
    key: 8,
    lens: "risk",
    title: "Their risk in changing",
    customerStatement:
      "We know they struggle with risk, that their risk in changing is far greater than the risks we face.",
    peopleTranslation:
      "A change costs the person far more than it costs us: their reputation, comfort and career are on the line, not ours.",
    question: "What worries you most about the change we talked about, for you personally?",
    selfQuestion: "How safe does taking on a change feel to you, for your reputation, your comfort and your career?",
  },
  {
    key: 9,
    lens: "uniqueness",
    title: "Every situation is different",
    customerStatement:
      "We know that while there are similarities across customers, each customer situation is different and unique. So we have to adjust our strategies to those differences.",
    peopleTranslation:
      "People are alike in many ways, but each one's situation is their own; how we manage them has to fit that.",
    question: "What about your situation do you think I most often get wrong or overlook?",
    selfQuestion: "How well does the way you are managed fit your own situation?",
  },
  {
    key: 10,
    lens: "change",
    title: "Keeping the commitment",
    customerStatement: "We know one of the biggest problems is maintaining the commitment to change.",
    peopleTranslation: "Agreeing to a change is easy; keeping it going week after week is where most of it is lost.",
    question: "Of the things you committed to changing, which one is slipping, and what would help it hold?",
    selfQuestion: "How well are the changes you committed to holding up, week after week?",
  },
  {
    key: 11,
    lens: "change",
    title: "Indecision",
    customerStatement:
      "We know indecision is a huge issue blocking our customers ability to make a decision and move forward. While they committed to change, indecision may paralyze them.",
    peopleTranslation:
      "Even after deciding to change, people can freeze between options; indecision quietly stops progress.",
    question: "Is there a decision you have been putting off that we could make smaller together?",
    selfQuestion: "How free are you of decisions you keep putting off?",
  },
  {
    key: 12,
    lens: "change",
    title: "Most changes fail",
    customerStatement:
      "We know the majority of customers that commit to a change, embarking on a buying process, fail.",
    peopleTranslation:
      "Most changes people commit to do not make it; expect that, and follow up early rather than late.",
    question: "Looking at the last change you took on, where did it start to wobble?",
    selfQuestion: "How well is the last change you took on standing up so far?",
  },
  {
    key: 13,
    lens: "change",
    title: "Remorse after choosing",
    customerStatement:
      "We know a large number of customers experience remorse about what they have chosen. If we are to keep them engaged, retain, and grow them, we need to manage their total experience, reducing/eliminating that remorse.",
    peopleTranslation:
      "After a change, people often regret it; we check back some time later and help them stay glad of the choice.",
    question: "Now that the change is done, are you still glad you made it?",
    selfQuestion: "How glad are you of the changes you have made?",
  },
  {
    key: 14,
    lens: "risk",
    title: "They have alternatives",
    customerStatement:
      "We know our customers always have alternatives, they can do nothing, accepting the consequences of doing nothing, they can go somewhere else, or they can choose us, working and moving forward.",
    peopleTranslation:
      "Our people can always do nothing, or go elsewhere; staying and moving forward with us is a choice they keep making.",
    question: "What would make you want to stay here and keep growing with us?",
    selfQuestion: "What would make you want to stay here and keep growing with us?",
  },
  {
    key: 15,
    lens: "success",
    title: "Care and understanding",
    customerStatement: "We know customers want to know we care and we understand.",
    peopleTranslation: "People want to know that we care about them and that we understand what matters to them.",
    question: "Did you feel understood in our last few conversations? What did I miss?",
    selfQuestion: "How cared about and understood do you feel in our conversations?",
  },
];
