/** The executable entry of the `backstory` command (bundled to dist/cli/backstory.js). */
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
