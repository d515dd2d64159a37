// Prints the HTML sources of the PDF test fixtures to untagged PDFs with the headless Chromium the test
// harness installs (test/e2e/provision.js): a running head and page numbers in the margins, Letter size
// (scanned.html, a page of pixels, gets no head: its PDF must have no text at all).
//   node scripts/pdf-print.js     → test/fixtures/pdf/*.pdf from test/fixtures/pdf/src/*.html
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const dir = path.join(__dirname, '..', 'test', 'fixtures', 'pdf');

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    for (const name of fs
      .readdirSync(path.join(dir, 'src'))
      .filter(n => n.endsWith('.html'))
      .sort()) {
      await page.goto('file://' + path.join(dir, 'src', name));
      const title = await page.title();
      const out = path.join(dir, name.replace(/\.html$/, '.pdf'));
      await page.pdf({
        path: out,
        format: 'Letter',
        tagged: false,
        displayHeaderFooter: !name.startsWith('scanned'),
        margin: { top: '0.9in', bottom: '0.9in', left: '1in', right: '1in' },
        headerTemplate: `<div style="font-size:8pt;width:100%;text-align:center;font-family:serif">${title}</div>`,
        footerTemplate:
          '<div style="font-size:8pt;width:100%;text-align:center;font-family:serif">Page <span class="pageNumber"></span></div>',
      });
      console.log(`${name} → ${path.relative(process.cwd(), out)} (${fs.statSync(out).size} bytes)`);
    }
  } finally {
    await browser.close();
  }
})();
