/** Where the browser suite's server listens (playwright.config.ts starts it there). */
export const e2eBaseURL = `http://127.0.0.1:${Number(process.env.PIGEON_E2E_PORT ?? 3100)}`;
