// The handler is the code outside the app, re-exported: its calls would show in the report.
export { handler } from '../../outside/code/index.mjs';
import { handler as again } from '../../outside/code/index.mjs';
export const other = async (event) => again(event);
