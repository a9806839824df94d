/**
 * A goal's progress as a bar with its number beside it: seen at a glance,
 * and read by a screen reader as "Progress of <goal>, 40%" (a <progress>
 * with its own name). Narrow, so a table of goals grows no wider for it.
 */
export function GoalProgressBar({ title, progress }: { title: string; progress: number }) {
  return (
    <span className="goal-progress-bar">
      <progress max={100} value={progress} aria-label={`Progress of ${title}`} style={{ width: "4.5rem" }}>
        {progress}%
      </progress>{" "}
      <span data-testid="goal-progress">{progress}%</span>
    </span>
  );
}
