// An invitation and a forgotten password in a browser, against an app server whose mail goes to a real
// SMTP server started here: the link is read from the message as the person would.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestSmtpServer, type TestSmtpServer } from "#tests/setup/smtp-server";
import { DEMO, signIn, useBrowser } from "../browser";
import { startServer, type RunningServer } from "../server";
import { throwawayDatabase } from "../throwaway-database";

const browser = useBrowser();
const database = throwawayDatabase("invite");
const databaseUrl = database.url;
const PASSWORD = "seven purple lanterns hum";

let smtp: TestSmtpServer;
let server: RunningServer;

beforeAll(async () => {
  await database.create();
  smtp = await startTestSmtpServer();
  server = await startServer({
    port: 0,
    databaseUrl,
    env: { SMTP_URL: smtp.url, RAPPORT_MAIL_FROM: "Rapport <rapport@invite.test>" },
  });
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
  await database.drop();
});

async function linkFor(address: string, count: number): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const mine = smtp.received.filter(
      (m) => m.to && !Array.isArray(m.to) && m.to.value.some((a) => a.address === address),
    );
    const match =
      mine.length >= count
        ? /https?:\/\/\S+\/(?:invite|reset-password)\/[A-Za-z0-9_-]{43}/.exec(mine.at(-1)!.text ?? "")
        : null;
    if (match) return new URL(match[0]).pathname;
    if (Date.now() > deadline) throw new Error(`no link for ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test(
  "an admin invites a new person, who chooses a password and lands home; then resets it",
  { timeout: 120_000 },
  async () => {
    const adminPage = await browser.newPage({ baseUrl: server.baseUrl });
    await signIn(adminPage, DEMO.admin);
    await adminPage.goto("/admin/people/new");
    await adminPage.getByLabel("Name").fill("Nia New");
    await adminPage.getByLabel("Email", { exact: true }).fill("nia@invite.test");
    await adminPage.getByRole("button", { name: "Add person" }).click();
    await adminPage.getByRole("button", { name: "Send invitation" }).click();
    await adminPage.getByText("The invitation is on its way to their email.").waitFor();

    const invited = await browser.newPage({ baseUrl: server.baseUrl });
    await invited.goto(await linkFor("nia@invite.test", 1));
    await invited.getByLabel("New password").fill(PASSWORD);
    await invited.getByLabel("The same again").fill(PASSWORD);
    await invited.getByRole("button", { name: "Save password and sign in" }).click();
    await invited.getByText("Your password is set. Welcome to Rapport.").waitFor();
    expect(new URL(invited.url()).pathname).toBe("/me");

    const forgetful = await browser.newPage({ baseUrl: server.baseUrl });
    await forgetful.goto("/sign-in");
    await forgetful.getByRole("link", { name: "Forgot your password?" }).click();
    await forgetful.getByRole("heading", { name: "Forgot your password?" }).waitFor();
    await forgetful.getByLabel("Email").fill("nia@invite.test");
    await forgetful.getByRole("button", { name: "Send me a link" }).click();
    await forgetful.getByText("If that address belongs to someone here, a link is on its way.").waitFor();
    await forgetful.goto(await linkFor("nia@invite.test", 2));
    await forgetful.getByLabel("New password").fill("a fresh long password");
    await forgetful.getByLabel("The same again").fill("a fresh long password");
    await forgetful.getByRole("button", { name: "Save password and sign in" }).click();
    await forgetful.getByText("Your new password is set.").waitFor();

    // The reset ended the session the invitation started.
    await invited.goto("/settings");
    expect(new URL(invited.url()).pathname).toBe("/sign-in");
  },
);
