/** The Origin header a browser sends with a mutation from Vigil's own pages; Playwright's request API sends none. */
import config from "../playwright.config";

export const SAME_ORIGIN = { Origin: String(config.use?.baseURL) };
