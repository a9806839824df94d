import {
  lineChangeConsequence,
  lineChangeSentence,
  managerLineChangeSentences,
  type LineChangeFacts,
} from "~/domain/org-chart";
import { action, appLink, paragraph, renderMail, type RenderedMail } from "./layout.server";

/**
 * The message a person gets when their reporting line changes. It says who changed it and what that
 * hands over, and nothing from the account itself: no goals, ratings or notes.
 */
export function reportingLineMail(personName: string, facts: LineChangeFacts): RenderedMail {
  return renderMail({
    subject: facts.byThemselves
      ? `${facts.byName ?? "Someone"} made themselves your manager in Rapport`
      : "Your manager in Rapport has changed",
    greeting: `Hello ${personName},`,
    blocks: [
      paragraph(lineChangeSentence(facts)),
      paragraph(lineChangeConsequence(facts.toName)),
      paragraph("If this looks wrong, tell your HR team or a Rapport administrator."),
      action("Open Rapport", appLink("/me")),
    ],
    footer: "You get this message because your reporting line in Rapport changed.",
  });
}

/** The message each manager of a change gets, the one who had the person and the one who has them now. */
export function managerLineChangeMail(
  recipientName: string,
  side: "from" | "to",
  personName: string,
  facts: LineChangeFacts,
): RenderedMail {
  return renderMail({
    subject:
      side === "to"
        ? `${personName} now reports to you in Rapport`
        : `${personName} no longer reports to you in Rapport`,
    greeting: `Hello ${recipientName},`,
    blocks: [
      ...managerLineChangeSentences(side, personName, facts).map((line) => paragraph(line)),
      action("Open Rapport", appLink(side === "to" ? "/people" : "/")),
    ],
    footer: "You get this message because a reporting line to you in Rapport changed.",
  });
}
