import { readHtml } from '../../src/lazy/webReaders';
import { htmlPage } from './subjects';
(async () => {
  const page = htmlPage('A Report Title\n\nThe program spent money [1].\n\n[1] A note.');
  for (let i = 0; i < 300; i++) await readHtml(page, 'f.html');
})();
