// Where the console's modules and the repository live, for the unit tests and the screenshots.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SITE_JS = path.join(REPO_ROOT, 'src/EdgeRegistry/Console/Site/js');
export const SCREENSHOTS = path.join(REPO_ROOT, 'artifacts/console-screenshots');
export const site = (module) => path.join(SITE_JS, module);
