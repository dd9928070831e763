// Drives Debian's headless chromium through the real Odoo 11 web client:
// logs in, clicks menus by their XML ids, waits for a view, saves a screenshot per shot.
// Usage: node browse.js '<json>' where json = {url, db, login, password, outdir,
//   frontend: true for a portal user (lands in /my, not in the web client),
//   screen: {name, width, height, mobile} (the browser's window: desktop or phone; desktop by default),
//   geolocation: {latitude, longitude} (optional: the position the browser reports, permission granted),
//   shots: [{name, menus: [xmlid, ...] or path: '/web#action=...' (opened directly),
//            wait: selector, click: selector (optional),
//            waitAfter: selector (optional), then: [steps] (optional, see below),
//            texts: {key: selector} (optional)}]}
// Prints one JSON line per shot: {name, title, breadcrumb, rows, file, texts, required,
// requiredOutside, tel, clipped, view}: texts: the text of the first element of each selector
// of the shot's `texts`, once the steps are done; the required fields of the form in front (the
// dialog's, if one is open) and those of them not wholly inside the window, as a user sees it
// without scrolling; the tel: links shown; the values of a read-only form cut off; the main
// view's type.
const { chromium } = require('playwright-core');

// In the page: the shown required fields of the form in front, and whether each is wholly in the window.
function requiredFields() {
  const forms = document.querySelectorAll('.modal .o_form_view');
  const form = forms.length ? forms[forms.length - 1] : document.querySelector('.o_content .o_form_view');
  if (!form) return [];
  // a read-only form has nothing to fill in: its required fields may sit below the fold
  const readonly = form.classList.contains('o_form_readonly');
  return Array.from(form.querySelectorAll('.o_field_widget.o_required_modifier'))
    .filter((el) => el.getClientRects().length && !el.closest('.o_invisible_modifier'))
    .map((el) => {
      // the widget and what sticks out of it (a many2one's open button, a date's picker icon)
      const parts = [el, ...el.querySelectorAll('input, textarea, select, button, a')]
        .filter((part) => part.getClientRects().length)
        .map((part) => part.getBoundingClientRect());
      return {
        name: el.getAttribute('name') || el.querySelector('[name]')?.getAttribute('name') || el.className,
        inside: readonly || parts.every((r) => r.left >= 0 && r.top >= 0
                            && r.right <= window.innerWidth && r.bottom <= window.innerHeight),
      };
    });
}

// In the page: the numbers one can tap to call (tel: links), and the values of the form in front
// that are cut off (a value squeezed beside its label shows only its first letters).
function shownValues() {
  const tel = Array.from(document.querySelectorAll('.o_content a[href^="tel:"], .modal a[href^="tel:"]'))
    .filter((a) => a.getClientRects().length).map((a) => a.getAttribute('href'));
  const forms = document.querySelectorAll('.modal .o_form_view.o_form_readonly, .o_content .o_form_view.o_form_readonly');
  const form = forms[forms.length - 1];
  const clipped = form ? Array.from(form.querySelectorAll('.o_inner_group .o_field_widget'))
    .filter((el) => el.getClientRects().length && el.textContent.trim() && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.getAttribute('name')) : [];
  const view = document.querySelector('.o_content .o_kanban_view, .o_content .o_list_view, .o_content .o_form_view');
  return { tel, clipped, view: view && view.className.match(/o_(kanban|list|form)_view/)[1] };
}

(async () => {
  const job = JSON.parse(process.argv[2]);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const screen = job.screen || { name: 'desktop', width: 1400, height: 860, mobile: false };
    const page = await browser.newPage({
      viewport: { width: screen.width, height: screen.height },
      isMobile: !!screen.mobile, hasTouch: !!screen.mobile,
      // Odoo 11's web client shows datetimes in the browser's zone: the demo team's, as in China
      timezoneId: job.timezone || 'Asia/Shanghai',
      // a phone that reports where it is: {latitude, longitude} (navigator.geolocation)
      ...(job.geolocation ? { geolocation: job.geolocation, permissions: ['geolocation'] } : {}),
    });
    page.setDefaultTimeout(60000);
    await page.goto(`${job.url}/web/login?db=${encodeURIComponent(job.db)}`);
    await page.fill('input[name=login]', job.login);
    await page.fill('input[name=password]', job.password);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    if (job.frontend) {
      // a portal user lands in the customer portal (/my), not in the web client
      await page.waitForSelector('.o_portal', { state: 'attached' });
    } else {
      // at phone width the app menus sit behind the navbar's toggle: loaded, not visible
      await page.waitForSelector('.oe_application_menu_placeholder', { state: screen.mobile ? 'attached' : 'visible' });
      // Then the web client opens the first app (Discuss) by itself, outside its action mutex: a
      // shot's action opened meanwhile can be replaced by it when Discuss finishes last (the likely
      // cause of a CI failure on a loaded machine, at phone width, where the menu is ready sooner).
      // Let it finish.
      await page.waitForFunction(() => location.hash.includes('action=') && document.querySelector('.o_content > *')
                                 && !document.querySelector('.o_loading:not([style*="none"])'));
    }
    // A view left on the page by an earlier action (the app menu opens its first action too)
    // must not satisfy a wait meant for the action just clicked: mark it stale first.
    const markStale = () => page.evaluate(() => {
      document.querySelectorAll('.o_content *, .o_view_manager_content *').forEach(
        (el) => el.setAttribute('data-browse-stale', '1'));
    });
    const idle = () => page.waitForFunction(() => !document.querySelector('.o_loading:not([style*="none"])'));
    const fresh = (selector) => selector.split(',').map((s) => `${s.trim()}:not([data-browse-stale])`).join(', ');
    for (const shot of job.shots) {
      if (shot.path) {
        await markStale();
        await page.goto(`${job.url}${shot.path}`);
      }
      for (const xmlid of shot.menus || []) {
        await idle();
        await markStale();
        const link = page.locator(`a[data-menu-xmlid="${xmlid}"]`).first();
        if (await link.evaluate((a) => !!a.closest('#odooAppDrawer'))) {
          // web_responsive: the apps sit in the app drawer, off-screen until it is opened; a
          // click on its toggle before the web client has bound it does nothing: try again
          for (let i = 0; i < 5 && !(await page.locator('body.drawer-open').count()); i++) {
            await page.locator('.app-drawer-toggle:visible').first().click();
            await page.waitForSelector('body.drawer-open', { timeout: 3000 }).catch(() => {});
          }
          // then it slides in from the side
          await page.waitForFunction((a) => a.getBoundingClientRect().left >= 0
                                     && a.getBoundingClientRect().right <= window.innerWidth, await link.elementHandle());
        } else if (!(await link.isVisible())) {
          // on a phone the app's menus sit behind the navbar's toggle
          const toggle = page.locator('#odooMenuBarToggle');
          if ((await toggle.isVisible()) && !(await page.locator('#odooMenuBarNav.in').count())) {
            await toggle.click();
            await page.waitForSelector('#odooMenuBarNav.in:not(.collapsing)');  // opened: its links close it
          }
          // menus of an app's section sit in that section's dropdown
          const section = page.locator(`.oe_secondary_menu > li:has(a[data-menu-xmlid="${xmlid}"]) > a`).first();
          if (!(await link.isVisible()) && (await section.count())) await section.click();
        }
        await link.click();
        await page.waitForSelector('#odooMenuBarNav.collapsing', { state: 'detached' });
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
      // then: further steps on the view: [{fill: {selector: value}, type: {selector: text typed key
      // by key, as the search view's autocompletion needs}, press: a key (e.g. Enter), click: selector,
      // wait: a selector that appears fresh afterwards, see: one that is (or stays) visible,
      // seeInFrame: [iframe, selector] visible inside an iframe, gone: one that must disappear,
      // scroll: one brought to the top of the window (for the screenshot),
      // fits: one that must lie within the viewport's width, nothing cut off or scrolled sideways}]
      for (const step of shot.then || []) {
        await idle();
        for (const [selector, value] of Object.entries(step.fill || {})) {
          await page.fill(selector, value);
        }
        for (const [selector, text] of Object.entries(step.type || {})) {
          await page.locator(selector).first().type(text, { delay: 20 });  // key by key: autocompletion
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
        if (step.seeInFrame) {  // [iframe selector, selector visible inside it]
          await page.frameLocator(step.seeInFrame[0]).locator(step.seeInFrame[1]).first().waitFor({ state: 'visible' });
        }
        if (step.gone) await page.waitForSelector(step.gone, { state: 'detached' });
        if (step.scroll) {  // to the top of the window, as a user scrolls to read it
          await page.locator(step.scroll).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
        }
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
      const file = `${job.outdir}/${shot.name}${screen.name === 'desktop' ? '' : '_' + screen.name}.png`;
      await page.screenshot({ path: file });
      const crumbs = page.locator('.breadcrumb');
      const breadcrumb = (await crumbs.count()) ? (await crumbs.first().innerText()).trim() : '';
      const rows = await page.locator('.o_list_view tbody tr.o_data_row, .o_kanban_record:not(.o_kanban_ghost)').count();
      const fields = await page.evaluate(requiredFields);
      const seen = await page.evaluate(shownValues);
      console.log(JSON.stringify({
        name: shot.name, title: await page.title(), breadcrumb, rows, file, texts,
        required: fields.map((f) => f.name), requiredOutside: fields.filter((f) => !f.inside).map((f) => f.name),
        ...seen,
      }));
    }
  } finally {
    await browser.close();
  }
})().catch((err) => { console.error(err.stack || String(err)); process.exit(1); });
