// Drives Debian's headless chromium through the real Odoo 11 web client:
// logs in, clicks menus by their XML ids, waits for a view, saves a screenshot per shot.
// Usage: node browse.js '<json>' where json = {url, db, login, password, outdir,
//   viewport: {width, height} (optional, default 1400 x 860),
//   shots: [{name, menus: [xmlid, ...] or action: xmlid, wait: selector, click: selector (optional),
//            waitAfter: selector (optional), then: [steps] (optional, see below)}]}
// Prints one JSON line per shot: {name, title, breadcrumb, rows, file}.
const { chromium } = require('playwright-core');

(async () => {
  const job = JSON.parse(process.argv[2]);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: job.viewport || { width: 1400, height: 860 } });
    page.setDefaultTimeout(60000);
    await page.goto(`${job.url}/web/login?db=${encodeURIComponent(job.db)}`);
    await page.fill('input[name=login]', job.login);
    await page.fill('input[name=password]', job.password);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    // attached, not visible: at phone width the menus sit in the collapsed navbar
    await page.waitForSelector('.oe_application_menu_placeholder', { state: 'attached' });
    // A view left on the page by an earlier action (the app menu opens its first action too)
    // must not satisfy a wait meant for the action just clicked: mark it stale first.
    const markStale = () => page.evaluate(() => {
      document.querySelectorAll('.o_content *, .o_view_manager_content *').forEach(
        (el) => el.setAttribute('data-browse-stale', '1'));
    });
    const idle = () => page.waitForFunction(() => !document.querySelector('.o_loading:not([style*="none"])'));
    const fresh = (selector) => selector.split(',').map((s) => `${s.trim()}:not([data-browse-stale])`).join(', ');
    for (const shot of job.shots) {
      if (shot.action) {
        // an action by its XML id, as a link would open it (at phone width the menus are folded)
        await idle();
        await markStale();
        await page.goto(`${job.url}/web#action=${shot.action}`);
      }
      for (const xmlid of shot.menus || []) {
        await idle();
        await markStale();
        const link = page.locator(`a[data-menu-xmlid="${xmlid}"]`).first();
        if (!(await link.isVisible())) {
          // top-level apps that do not fit the navbar sit in its "More" dropdown
          const more = page.locator('#menu_more_container > a');
          if (await more.isVisible()) await more.click();
          // menus of an app's section sit in that section's dropdown
          const section = page.locator(`li.dropdown:has(a[data-menu-xmlid="${xmlid}"]) > a.dropdown-toggle`).first();
          if (!(await link.isVisible()) && (await section.count())) await section.click();
        }
        await link.click();
      }
      await page.waitForSelector(fresh(shot.wait), { state: 'visible' });
      if (shot.click) {
        await idle();
        const target = page.locator(shot.click).first();
        await target.waitFor({ state: 'visible' });
        await markStale();
        await target.click();
        await page.waitForSelector(fresh(shot.waitAfter || '.o_form_view'), { state: 'visible' });
      }
      // then: further steps on the view: [{fill: {selector: value}, type: {selector: text typed
      // key by key, as the search view's autocompletion needs}, press: a key (e.g. Enter), click: selector,
      // wait: a selector that appears fresh afterwards, see: one that is (or stays) visible,
      // gone: one that must disappear}]
      for (const step of shot.then || []) {
        await idle();
        for (const [selector, value] of Object.entries(step.fill || {})) {
          await page.fill(selector, value);
        }
        for (const [selector, text] of Object.entries(step.type || {})) {
          await page.locator(selector).first().type(text, { delay: 20 });
        }
        if (step.press) {
          await markStale();
          await page.keyboard.press(step.press);
        }
        if (step.click) {
          const target = page.locator(step.click).first();
          await target.waitFor({ state: 'visible' });
          await markStale();
          await target.click();
        }
        if (step.wait) await page.waitForSelector(fresh(step.wait), { state: 'visible' });
        if (step.see) await page.waitForSelector(step.see, { state: 'visible' });
        if (step.gone) await page.waitForSelector(step.gone, { state: 'detached' });
      }
      // not 'networkidle': the web client's longpolling request never ends
      await idle();
      await page.waitForTimeout(500);  // let the list/kanban finish rendering
      const file = `${job.outdir}/${shot.name}.png`;
      await page.screenshot({ path: file });
      const breadcrumb = (await page.locator('.breadcrumb').first().innerText()).trim();
      const rows = await page.locator('.o_list_view tbody tr.o_data_row, .o_kanban_record:not(.o_kanban_ghost)').count();
      console.log(JSON.stringify({ name: shot.name, title: await page.title(), breadcrumb, rows, file }));
    }
  } finally {
    await browser.close();
  }
})().catch((err) => { console.error(err.stack || String(err)); process.exit(1); });
