import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, API_KEY, ingest, kubectlScenario, login } from "./helpers";

test("an exception added from an alert silences that user's matches and not another user's", async ({ page, request }) => {
  const tag = Date.now().toString(36);
  const user = `ci-deploy-${tag}`;
  const first = kubectlScenario({ user, host: `exc-${tag}` });
  await ingest(request, first.events);
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto(`/alerts?user=${user}`);
  await page.getByRole("link", { name: "Potential Impersonation Attempt via Kubectl" }).click();

  await page.getByRole("button", { name: "Add exception" }).click();
  const form = page.getByTestId("add-exception");
  await expect(form).toContainText(`user.name is ${user}`);
  await form.getByRole("button", { name: "Add entry" }).click();
  await form.getByLabel("entry field").fill("process.args");
  await form.getByLabel("entry operator").selectOption("matches");
  await form.getByLabel("entry value").fill("--as=*");
  await form.getByLabel("Comment (required)").fill("CI deploy account impersonates by design");
  await form.getByRole("button", { name: "Preview impact" }).click();
  await expect(form.getByTestId("exception-preview")).toContainText("and 1 open alerts");
  await form.getByRole("button", { name: "Save exception" }).click();
  await expect(form.getByRole("status")).toHaveText("Exception saved.");

  // The same user again: stored, but no alert.
  const again = kubectlScenario({ user, host: `exc-${tag}` });
  const silenced = await ingest(request, again.events);
  expect(silenced).toMatchObject({ accepted: 2, alerts_created: 0, exceptions_applied: 1 });
  await page.goto(`/exceptions?value=${user}`);
  await expect(page.getByTestId("exception-row")).toHaveCount(1);
  await expect(page.getByTestId("exception-row")).toContainText("process.args matches --as=*");
  await expect(page.getByTestId("suppressed-count")).toContainText("1");
  await page.getByText("History").click();
  await expect(page.getByTestId("exception-history")).toContainText("admin · created");

  // Another user on the same host: an alert.
  const other = kubectlScenario({ user: `someone-${tag}`, host: `exc-${tag}` });
  expect(await ingest(request, other.events)).toMatchObject({ alerts_created: 1, exceptions_applied: 0 });
  const list = await request.get(`/api/v1/alerts?host=exc-${tag}`, { headers: { Authorization: `ApiKey ${API_KEY}` } });
  expect((await list.json()).alerts.map((a: { user: string }) => a.user).sort()).toEqual([user, `someone-${tag}`].sort());
});
