import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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
  await page.getByRole("button", { name: "Edit details" }).click();
  const details = page.getByTestId("case-details-form");
  await details.getByLabel("Title").fill(`Impersonation by carol-${tag}`);
  await details.getByLabel("Severity").selectOption("high");
  await details.getByLabel("Description (markdown)").fill("Seen on **two** nodes.");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByTestId("case-title")).toHaveText(`Impersonation by carol-${tag}`);
  await expect(page.locator("strong", { hasText: "two" })).toBeVisible();
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

test("an admin adds a webhook connector, corrects its URL (credentials kept), and a case is pushed to it, then updated without a second ticket", async ({ page, request }) => {
  const received: { method: string; url: string; body: { title?: string; new_comments?: unknown[] } }[] = [];
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      if (req.headers.authorization !== "Token e2e") return void res.writeHead(401).end("{}");
      received.push({ method: req.method!, url: req.url!, body: JSON.parse(data) });
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: "SEC-42", url: "http://tickets.example/SEC-42" }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/cases`;
  try {
    const tag = Date.now().toString(36);
    const a = kubectlScenario({ host: `push-${tag}`, user: `dan-${tag}` });
    await ingest(request, a.events);
    await login(page, "admin", ADMIN_PASSWORD);
    await page.goto("/settings");
    await page.getByLabel("Connector name").fill(`hooks-${tag}`);
    await page.getByLabel("Webhook URL").fill(url.replace("/hooks/cases", "/wrong-path"));
    await page.getByLabel("Authorization header (stored encrypted)").fill("Token e2e");
    await page.getByRole("button", { name: "Add connector" }).click();
    await expect(page.getByTestId("connectors")).toContainText(`/wrong-path`);
    // Edited: the URL is corrected, the credentials left blank stay as stored (the push below needs them).
    await page.getByTestId("connectors").locator("li", { hasText: `hooks-${tag}` }).getByRole("button", { name: "Edit" }).click();
    const edit = page.getByTestId("connector-edit");
    await expect(edit.getByLabel("Webhook URL")).toHaveValue(url.replace("/hooks/cases", "/wrong-path"));
    await expect(edit.getByLabel("connector kind")).toBeDisabled();
    await edit.getByLabel("Webhook URL").fill(url);
    await edit.getByRole("button", { name: "Save connector" }).click();
    await expect(page.getByTestId("connectors")).toContainText(`hooks-${tag} (webhook → ${url})`);
    await expect(page.getByTestId("connector-edit")).toHaveCount(0);

    await page.goto(`/alerts?user=dan-${tag}`);
    await page.getByRole("checkbox", { name: /select alert/ }).check();
    await page.getByRole("button", { name: "Create case" }).click();
    await expect(page.getByTestId("case-title")).toBeVisible();
    await page.getByLabel("connector").selectOption({ label: `hooks-${tag}` });
    await page.getByRole("button", { name: "Push to ticketing" }).click();
    await expect(page.getByTestId("push").getByRole("status")).toHaveText("Ticket SEC-42 created.");
    await expect(page.getByTestId("external-link").getByRole("link", { name: "SEC-42" })).toHaveAttribute("href", "http://tickets.example/SEC-42");

    await page.getByLabel("comment").fill("Escalated.");
    await page.getByRole("button", { name: "Add comment" }).click();
    await expect(page.getByTestId("comment")).toContainText("Escalated.");
    await page.getByRole("button", { name: "Push to ticketing" }).click();
    await expect(page.getByTestId("push").getByRole("status")).toHaveText("Ticket SEC-42 updated, 1 comment(s) sent.");
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /hooks/cases", "PUT /hooks/cases/SEC-42"]);
    expect(received[0].body.title).toContain(`push-${tag}`);
    await expect(page.getByTestId("pushes").locator("li")).toHaveCount(2);
  } finally {
    server.close();
  }
});

test("an alert joins an existing case from its page, and observables are edited by hand", async ({ page, request }) => {
  const tag = Date.now().toString(36);
  const first = kubectlScenario({ host: `join-a-${tag}`, user: `erin-${tag}` });
  const second = kubectlScenario({ host: `join-b-${tag}`, user: `erin-${tag}` });
  await ingest(request, [...first.events, ...second.events]);
  await login(page, "admin", ADMIN_PASSWORD);
  await page.goto(`/alerts?host=join-a-${tag}`);
  await page.getByRole("checkbox", { name: /select alert/ }).check();
  await page.getByRole("button", { name: "Create case" }).click();
  await expect(page.getByTestId("case-alerts").locator("li")).toHaveCount(1);
  const caseUrl = page.url();
  const caseTitle = (await page.getByTestId("case-title").textContent())!;

  await page.goto(`/alerts?host=join-b-${tag}`);
  await page.getByRole("link", { name: "Potential Impersonation Attempt via Kubectl" }).click();
  const add = page.getByTestId("add-to-case");
  await add.getByLabel("case").selectOption({ label: caseTitle });
  await add.getByRole("button", { name: "Add to case" }).click();
  await expect(add.getByRole("status")).toHaveText("Added to the case.");

  await page.goto(caseUrl);
  await expect(page.getByTestId("case-alerts").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("observables")).toContainText(`join-b-${tag}`);
  await page.getByLabel("observable type").selectOption("ip");
  await page.getByLabel("observable value").fill("203.0.113.9");
  await page.getByRole("button", { name: "Add observable" }).click();
  await expect(page.getByTestId("observables")).toContainText("203.0.113.9");
  await page.getByRole("button", { name: "remove ip 203.0.113.9" }).click();
  await expect(page.getByTestId("observables")).not.toContainText("203.0.113.9");
  await expect(page.getByTestId("timeline")).toContainText("observable removed");
});
