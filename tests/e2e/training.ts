// Helpers for end-to-end tests of training pages: read the page's trainer state and wait for progress.
import type {Page} from "playwright-core";

export interface TrainerSnapshot {
  phase: string;
  step: number;
  epoch: number;
  backend?: string;
  weightsVersion: number;
  loss?: {total: number; reconstruction: number; kl?: number};
  problem?: string;
}

/** The state of the page's first live trainer (see src/components/trainer.ts, `autoencodersLab`). */
export async function readTrainer(page: Page): Promise<TrainerSnapshot | undefined> {
  return page.evaluate(() => {
    type Live = {state: TrainerSnapshot & {backend?: {backend: string}}};
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    const trainer = lab ? [...lab.trainers][0] : undefined;
    if (!trainer) return undefined;
    const {phase, step, epoch, weightsVersion, loss, problem, backend} = trainer.state;
    return {phase, step, epoch, weightsVersion, loss, problem, backend: backend?.backend};
  });
}

/** Tensor count in the worker of the page's first trainer. */
export async function readWorkerTensors(page: Page): Promise<number> {
  return page.evaluate(async () => {
    type Live = {query(kind: "memory", request: object): Promise<{numTensors: number}>};
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    const trainer = lab ? [...lab.trainers][0] : undefined;
    if (!trainer) throw new Error("no live trainer on this page");
    return (await trainer.query("memory", {})).numTensors;
  });
}

/** Calls `read` every `every` ms until its value satisfies `done`; fails after `timeout` ms with the last value. */
export async function pollUntil<T>(
  page: Page,
  read: () => Promise<T | undefined>,
  done: (value: T) => boolean,
  timeout = 60_000,
  every = 150
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (last !== undefined && done(last)) return last;
    await page.waitForTimeout(every);
  }
  throw new Error(`the page did not reach the expected state in ${timeout} ms; last: ${JSON.stringify(last)}`);
}

/** Waits until the trainer satisfies `done`, polling; fails with the last state seen. */
export function waitForTrainer(
  page: Page,
  done: (state: TrainerSnapshot) => boolean,
  timeout = 60_000
): Promise<TrainerSnapshot> {
  return pollUntil(page, () => readTrainer(page), done, timeout);
}

/** Sets a Framework range input (Inputs.range) by its label, as a reader dragging it would. */
export async function setRange(page: Page, label: string, value: number): Promise<void> {
  const input = page.getByLabel(label, {exact: true}).and(page.locator("input[type=range]"));
  await input.evaluate((element: HTMLInputElement, v: number) => {
    element.value = String(v);
    element.dispatchEvent(new Event("input", {bubbles: true}));
  }, value);
}
