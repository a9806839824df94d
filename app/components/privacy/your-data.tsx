/** The two files of "Download your data" (ADR 042): plain links, since each answers with an attachment. */
export const YOUR_DATA_LINKS = { json: "/me/privacy/data.json", zip: "/me/privacy/data.zip" } as const;

/**
 * "Your data" on /me/privacy (ADR 042): what the download holds, what it never holds, and the two files.
 * It reads nothing: the files are made when asked for.
 */
export function YourDataSection() {
  return (
    <section className="card stack" aria-labelledby="your-data-heading">
      <h2 id="your-data-heading">Your data</h2>
      <p>Download everything Rapport holds about you that you can read, to keep or to take elsewhere.</p>
      <h3>What the download holds</h3>
      <ul>
        <li>Your name, e-mail, team, manager and time zone.</li>
        <li>Your goals, their progress updates and every change made to them.</li>
        <li>Your change commitments and their check-ins.</li>
        <li>
          Your 1:1s as the report, with any manager you had: the topics and notes you wrote (private ones too), and the
          shared topics and notes of the other person.
        </li>
        <li>The follow-ups agreed in your 1:1s, your own checklist ratings and your own pulse answers.</li>
      </ul>
      <h3>What it never holds</h3>
      <ul>
        <li>What your manager records about you in their line: risks, and their side of the checklist.</li>
        <li>Anyone else&apos;s private notes or topics, or other people&apos;s records.</li>
        <li>Your password, your sessions or any access token.</li>
      </ul>
      <p className="muted small">
        Each download is made when you ask for it, shown to nobody else, and noted on the security log (that you
        downloaded, never what).
      </p>
      <p className="actions">
        <a className="button" href={YOUR_DATA_LINKS.json} download>
          Download as JSON
        </a>{" "}
        <a className="button secondary" href={YOUR_DATA_LINKS.zip} download>
          Download as CSV files (zip)
        </a>
      </p>
    </section>
  );
}
