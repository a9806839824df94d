import { useFetcher } from "@remix-run/react";
import type { AgendaSection } from "~/domain/agenda/types";
import { FormErrors, replyErrors, useIsSubmitting, useReply } from "../forms";

export const SECTION_LABELS: Record<AgendaSection, string> = {
  "open-time": "Their time",
  "report-topic": "Their topic",
  goal: "Goal",
  commitment: "Commitment",
  "action-item": "Follow-up",
  risk: "Risk (only you see this)",
  checklist: "Checklist prompt",
  "manager-topic": "Manager's topic",
};

/** The section's name for whoever reads it: the report's topics are "yours" to the report. */
export function sectionLabel(section: AgendaSection, viewerIsReport: boolean): string {
  if (section === "report-topic") return viewerIsReport ? "Your topic" : "Their topic";
  if (section === "manager-topic") return viewerIsReport ? "Manager's topic" : "Your topic";
  if (section === "open-time") return viewerIsReport ? "Your time" : "Their time";
  return SECTION_LABELS[section];
}

interface Item {
  key: string;
  section: AgendaSection;
  title: string;
  reason: string;
  minutes: number;
  discussed: boolean;
  details: string;
  doOrDrop?: boolean;
  privateTo: string | null;
  /** Where the item is updated (a goal, a commitment's check-in, the checklist), if anywhere. */
  href?: string | null;
}

/**
 * The prepared agenda; the manager ticks items off as they are discussed.
 * A ticked item stays where it is, marked, and can be unticked until the
 * 1:1 is finished.
 */
export function AgendaList({
  items,
  canTick,
  viewerIsReport,
}: {
  items: Item[];
  canTick: boolean;
  viewerIsReport: boolean;
}) {
  return (
    <ol className="agenda">
      {items.map((item) => (
        <AgendaRow key={item.key} item={item} canTick={canTick} viewerIsReport={viewerIsReport} />
      ))}
    </ol>
  );
}

function AgendaRow({ item, canTick, viewerIsReport }: { item: Item; canTick: boolean; viewerIsReport: boolean }) {
  const fetcher = useFetcher();
  const reply = useReply(fetcher, { intent: "check", itemKey: item.key });
  // A second click while the first is on its way would untick what was just ticked.
  const busy = useIsSubmitting(fetcher);
  // Optimistic: the tick shows as soon as it is sent; a refused one shows why below.
  const discussed = fetcher.formData ? fetcher.formData.get("checked") === "true" : item.discussed;
  return (
    <li className={discussed ? "done" : undefined} data-section={item.section} data-discussed={discussed}>
      <div className="agenda-head">
        <span className="badge">{sectionLabel(item.section, viewerIsReport)}</span>
        <strong className="agenda-title">{item.title}</strong>
        {item.href ? (
          <a href={item.href} className="small">
            open
          </a>
        ) : null}
        {item.privateTo ? <span className="badge">private</span> : null}
        {discussed && !canTick ? <span className="badge ok">discussed</span> : null}
        <span className="minutes">{item.minutes} min</span>
      </div>
      <p className="reason" data-testid="agenda-reason">
        {item.reason}
        {item.doOrDrop ? <strong className="badge warn">do or drop?</strong> : null}
      </p>
      {item.details ? <p className="muted">{item.details}</p> : null}
      {canTick ? (
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="check" />
          <input type="hidden" name="itemKey" value={item.key} />
          <input type="hidden" name="checked" value={String(!discussed)} />
          <button type="submit" className="secondary small-button" aria-pressed={discussed} disabled={busy}>
            {discussed ? "Discussed ✓" : "Mark discussed"}
          </button>
        </fetcher.Form>
      ) : null}
      <FormErrors id={`agenda-${item.key}-errors`} errors={replyErrors(reply)} />
    </li>
  );
}
