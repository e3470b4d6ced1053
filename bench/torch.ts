// Runs the PyTorch reference script (one thread) and returns its JSON rows, or why it could not.
import {spawnSync} from "node:child_process";
import {existsSync} from "node:fs";

export interface TorchRow {
  model: string;
  framework: string;
  threads: number;
  batch: number;
  samples: number;
  seconds: number;
  samples_per_s: number;
  last_loss: number;
}

export type TorchResult = {ok: true; rows: TorchRow[]} | {ok: false; reason: string};

export function runTorch(
  script: string,
  options: {python: string; dataDir: string; samples: number; models: readonly string[]}
): TorchResult {
  if (!existsSync(script)) return {ok: false, reason: `PyTorch baseline script not found at ${script} (--torch PATH)`};
  const probe = spawnSync(options.python, ["-c", "import torch"], {encoding: "utf8"});
  if (probe.error || probe.status !== 0) {
    return {
      ok: false,
      reason: `python3-torch is missing (${options.python} -c "import torch" failed); apt-get install -y python3-torch`
    };
  }
  const rows: TorchRow[] = [];
  for (const model of options.models) {
    const run = spawnSync(
      options.python,
      [script, "--data", options.dataDir, "--model", model, "--threads", "1", "--samples", String(options.samples)],
      {encoding: "utf8", env: {...process.env, OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1"}}
    );
    if (run.status !== 0) return {ok: false, reason: `${script} failed: ${run.stderr.trim().split("\n").pop()}`};
    for (const line of run.stdout.split("\n")) if (line.trim().startsWith("{")) rows.push(JSON.parse(line) as TorchRow);
  }
  return {ok: true, rows};
}
