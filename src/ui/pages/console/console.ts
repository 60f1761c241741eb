/**
 * `/console`: the admin console's front door, which opens its first section, the users.
 * Admission happens there (operators only, with a second factor); this redirect reads nothing.
 */
import type { PageRoute } from '../../../http/route.js';
import { CONSOLE_HOME } from '../../console/nav.js';
import { seeOther } from '../../view.js';

export const consoleRootPage: PageRoute = {
  path: '/console',
  show: () => seeOther(CONSOLE_HOME),
};
