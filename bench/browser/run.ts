// Browser rows of the bench (headless Chromium): filled in by the browser harness.
export type BrowserRow = Record<string, string | number | boolean | null>;

export async function runBrowserBench(options: {
  models: readonly string[];
  batch: number;
  steps: number;
  budgetS: number;
}): Promise<BrowserRow[]> {
  return [
    {kind: "skipped", runtime: "browser", reason: "browser bench not built yet", models: options.models.join(",")}
  ];
}
