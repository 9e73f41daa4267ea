// The embed under a strict Content-Security-Policy, sent as a header by the blog's server:
// no 'unsafe-eval', no 'unsafe-inline', no data: or blob: sources, no worker-src, no
// connect-src. Only 'wasm-unsafe-eval' is added for the analyser; without it, the embed must
// say what is missing and leave the page as it was.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ensureDist, marksIn, pristineInnerHtml, serveFixtures, tooltipText } from './embed-support.mjs';
import { launch } from './helpers.mjs';

const STRICT = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";
const WITHOUT_WASM = "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:";

/** Records every CSP violation the page reports, from before its first script runs. */
const RECORD_VIOLATIONS = () => {
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`));
};

let servers = [];
let browsers = [];

before(() => ensureDist());

after(async () => {
  for (const browser of browsers) await browser.close();
  for (const server of servers) server.close();
});

async function openBlog(csp) {
  const server = await serveFixtures({ csp });
  servers.push(server);
  const browser = await launch();
  browsers.push(browser);
  await browser.page.addInitScript(RECORD_VIOLATIONS);
  const response = await browser.page.goto(`${server.url}blog.html`);
  assert.equal(response.headers()['content-security-policy'], csp, 'the server sends the policy');
  return browser;
}

test("with script-src 'self' 'wasm-unsafe-eval' only, the blog is highlighted and styled", async () => {
  const { page, problems } = await openBlog(STRICT);
  await page.waitForSelector('#story [data-newsmark-mark]');
  const marks = await marksIn(page, '#story');
  for (const layer of ['actor', 'quote', 'term']) {
    assert.ok(marks.some(([l]) => l === layer), `${layer} marks: ${JSON.stringify(marks)}`);
  }
  // The styles come as constructed style sheets, which style-src does not block.
  const shade = await page.$eval('#story .nm-person', (mark) => getComputedStyle(mark).backgroundColor);
  assert.notEqual(shade, 'rgba(0, 0, 0, 0)');
  await page.locator('#story [data-newsmark-mark="actor"]', { hasText: 'Lars Holm' }).hover();
  assert.match(await tooltipText(page), /^Person: Lars Holm/);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);
});

test("without 'wasm-unsafe-eval', the embed says what the policy lacks and changes nothing", async () => {
  const { page, problems } = await openBlog(WITHOUT_WASM);
  await page.waitForFunction(() => window.cspViolations.length > 0);
  await assert.rejects(page.evaluate(() => newsmark.analyze('Oksana Melnyk said so.')), /wasm-unsafe-eval/);
  assert.ok(problems.some((problem) => problem.includes("'wasm-unsafe-eval'")), JSON.stringify(problems));
  assert.equal(await page.$eval('#story', (story) => story.innerHTML), await pristineInnerHtml(page, 'blog.html', '#story'));
});
