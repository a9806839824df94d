import { useFetcher } from "@remix-run/react";
import type { AgendaSection } from "~/domain/agenda/types";
import { FormErrors, replyErrors, useReply } from "../forms";

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

/** The prepared agenda; the manager ticks items off as they are discussed. */
export function AgendaList({ items, canTick }: { items: Item[]; canTick: boolean }) {
  return (
    <ol className="agenda">
      {items.map((item) => (
        <AgendaRow key={item.key} item={item} canTick={canTick} />
      ))}
    </ol>
  );
}

function AgendaRow({ item, canTick }: { item: Item; canTick: boolean }) {
  const fetcher = useFetcher();
  const reply = useReply(fetcher, { intent: "check", itemKey: item.key });
  // Optimistic: the tick shows as soon as it is sent; a refused one shows why below.
  const discussed = fetcher.formData ? fetcher.formData.get("checked") === "true" : item.discussed;
  return (
    <li className={discussed ? "done" : undefined} data-section={item.section}>
      <div className="agenda-head">
        <span className="badge">{SECTION_LABELS[item.section]}</span>
        <strong className="agenda-title">{item.title}</strong>
        {item.href ? (
          <a href={item.href} className="small">
            open
          </a>
        ) : null}
        {item.privateTo ? <span className="badge">private</span> : null}
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
          <button type="submit" className="secondary small-button" aria-pressed={discussed}>
            {discussed ? "Discussed ✓" : "Mark discussed"}
          </button>
        </fetcher.Form>
      ) : null}
      <FormErrors id={`agenda-${item.key}-errors`} errors={replyErrors(reply)} />
    </li>
  );
}
