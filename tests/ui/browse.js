// Drives Debian's headless chromium through the real Odoo 11 web client:
// logs in, clicks menus by their XML ids, waits for a view, saves a screenshot per shot.
// Usage: node browse.js '<json>' where json = {url, db, login, password, outdir,
//   viewport: {width, height} (optional, desktop 1400x860 by default),
//   shots: [{name, menus: [xmlid, ...] or path: '/web#action=...' (opened directly),
//            wait: selector, click: selector (optional),
//            waitAfter: selector (optional), then: [steps] (optional, see below),
//            viewport: {width, height} (optional: from this shot on, e.g. a phone's 390x844)}]}
// Prints one JSON line per shot: {name, title, breadcrumb, rows, file, texts}; texts: the text
// of the first element of each selector of the shot's `texts` ({key: selector}), once the steps are done.
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
    // at phone width the app menus sit behind the navbar's toggle: loaded, not visible
    const phone = job.viewport && job.viewport.width < 768;
    await page.waitForSelector('.oe_application_menu_placeholder', { state: phone ? 'attached' : 'visible' });
    // A view left on the page by an earlier action (the app menu opens its first action too)
    // must not satisfy a wait meant for the action just clicked: mark it stale first.
    const markStale = () => page.evaluate(() => {
      document.querySelectorAll('.o_content *, .o_view_manager_content *').forEach(
        (el) => el.setAttribute('data-browse-stale', '1'));
    });
    const idle = () => page.waitForFunction(() => !document.querySelector('.o_loading:not([style*="none"])'));
    const fresh = (selector) => selector.split(',').map((s) => `${s.trim()}:not([data-browse-stale])`).join(', ');
    for (const shot of job.shots) {
      if (shot.viewport) await page.setViewportSize(shot.viewport);
      if (shot.path) {
        await markStale();
        await page.goto(`${job.url}${shot.path}`);
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
      // then: further steps on the view: [{fill: {selector: value}, click: selector,
      // wait: a selector that appears fresh afterwards, see: one that is (or stays) visible,
      // seeInFrame: [iframe, selector] visible inside an iframe, gone: one that must disappear,
      // fits: one that must lie within the viewport's width, nothing cut off or scrolled sideways}]
      for (const step of shot.then || []) {
        await idle();
        for (const [selector, value] of Object.entries(step.fill || {})) {
          await page.fill(selector, value);
        }
        if (step.click) {
          const target = page.locator(step.click).first();
          await target.waitFor({ state: 'visible' });
          await markStale();
          await target.click();
        }
        if (step.wait) await page.waitForSelector(fresh(step.wait), { state: 'visible' });
        if (step.see) await page.waitForSelector(step.see, { state: 'visible' });
        if (step.seeInFrame) {  // [iframe selector, selector visible inside it]
          await page.frameLocator(step.seeInFrame[0]).locator(step.seeInFrame[1]).first().waitFor({ state: 'visible' });
        }
        if (step.gone) await page.waitForSelector(step.gone, { state: 'detached' });
        if (step.fits) {
          const overflow = await page.evaluate((selector) => [...document.querySelectorAll(selector)]
            .filter((el) => el.scrollWidth > el.clientWidth + 1
                    || el.getBoundingClientRect().right > window.innerWidth + 1).length, step.fits);
          if (overflow) throw new Error(`${overflow} element(s) ${step.fits} wider than the viewport`);
        }
      }
      // read at once: a notification fades out after about three seconds
      const texts = {};
      for (const [key, selector] of Object.entries(shot.texts || {})) {
        const element = page.locator(selector).first();
        texts[key] = (await element.count()) ? (await element.innerText()).trim() : null;
      }
      // not 'networkidle': the web client's longpolling request never ends
      await idle();
      await page.waitForTimeout(500);  // let the list/kanban finish rendering
      const file = `${job.outdir}/${shot.name}.png`;
      await page.screenshot({ path: file });
      const crumbs = page.locator('.breadcrumb');
      const breadcrumb = (await crumbs.count()) ? (await crumbs.first().innerText()).trim() : '';
      const rows = await page.locator('.o_list_view tbody tr.o_data_row, .o_kanban_record:not(.o_kanban_ghost)').count();
      console.log(JSON.stringify({ name: shot.name, title: await page.title(), breadcrumb, rows, file, texts }));
    }
  } finally {
    await browser.close();
  }
})().catch((err) => { console.error(err.stack || String(err)); process.exit(1); });
