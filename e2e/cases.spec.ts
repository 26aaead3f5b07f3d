import { expect, test } from "@playwright/test";
import { ADMIN_PASSWORD, ingest, kubectlScenario, login } from "./helpers";

test("a case created from two alerts gathers their observables and downloads as Markdown", async ({ page, request }) => {
  const tag = Date.now().toString(36);
  const a = kubectlScenario({ host: `case-a-${tag}`, user: `carol-${tag}` });
  const b = kubectlScenario({ host: `case-b-${tag}`, user: `carol-${tag}` });
  await ingest(request, [...a.events, ...b.events]);
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto(`/alerts?user=carol-${tag}`);
  const boxes = page.getByRole("checkbox", { name: /select alert/ });
  await expect(boxes).toHaveCount(2);
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole("button", { name: "Create case" }).click();

  await expect(page.getByTestId("case-title")).toContainText("Potential Impersonation Attempt via Kubectl on case-");
  await expect(page.getByTestId("case-alerts").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("observables")).toContainText(`case-a-${tag}`);
  await expect(page.getByTestId("observables")).toContainText(`case-b-${tag}`);
  await page.getByLabel("comment").fill("Tokens revoked on **both** nodes.");
  await page.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByTestId("comment")).toContainText("Tokens revoked on both nodes.");
  await expect(page.getByTestId("timeline")).toContainText("commented");

  const download = page.waitForEvent("download");
  await page.getByTestId("download-md").click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const md = Buffer.concat(text as Buffer[]).toString("utf8");
  expect(md).toContain("## Observables");
  expect(md).toContain(`- user: \`carol-${tag}\``);
  expect(md).toContain("Tokens revoked on **both** nodes.");
});
