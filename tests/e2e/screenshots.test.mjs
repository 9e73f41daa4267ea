// Screenshots for people to look at: desktop and mobile, light and dark, into screenshots/
// (git-ignored). docs/screenshot.png is picked by hand from these.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { launch, open, SCREENSHOTS, serve, settled } from './helpers.mjs';

let server;

before(async () => {
  server = await serve();
  await mkdir(SCREENSHOTS, { recursive: true });
});

after(() => server?.close());

const SHOTS = [
  { name: 'desktop-light', viewport: { width: 1280, height: 800 }, colorScheme: 'light', sample: 0 },
  { name: 'desktop-ransomware', viewport: { width: 1360, height: 900 }, colorScheme: 'light', sample: 2 },
  { name: 'desktop-dark', viewport: { width: 1360, height: 900 }, colorScheme: 'dark', sample: 0 },
  { name: 'mobile-light', viewport: { width: 390, height: 844 }, colorScheme: 'light', sample: 1, mobile: true },
  { name: 'mobile-dark', viewport: { width: 390, height: 844 }, colorScheme: 'dark', sample: 2, mobile: true },
];

for (const shot of SHOTS) {
  test(`screenshot ${shot.name}`, async () => {
    const browser = await launch(shot);
    try {
      const { page } = browser;
      await open(page, server.url);
      await page.locator('#nm-samples button').nth(shot.sample).click();
      await settled(page);
      await page.locator('#nm-actors-list button').first().click();
      await page.evaluate(() => {
        document.querySelector('#nm-input').scrollTop = 0;
        window.scrollTo(0, 0);
      });
      await page.screenshot({ path: `${SCREENSHOTS}${shot.name}.png` });
      if (shot.mobile) await page.screenshot({ path: `${SCREENSHOTS}${shot.name}-full.png`, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.equal(overflow, 0, 'nothing sticks out sideways');
      assert.deepEqual(browser.problems, []);
    } finally {
      await browser.close();
    }
  });
}
