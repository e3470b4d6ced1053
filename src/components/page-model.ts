// The page's inference copy of the model that the worker trains. Views that only run the model (the denoiser
// under a "Noise level" slider, the VAE's manifold) use it on the page, so that they redraw within a frame with no
// round trip to the worker. The trainer loads this module with a dynamic import: TensorFlow.js takes a while to
// evaluate, and the worker, which shows the first results, must not wait for the page to do that.
import {selectBackend} from "../lib/backend/selection.js";
import type {BackendChoice, BackendPreference} from "../lib/backend/names.js";
import {useBrowserBackends} from "../lib/backend/browser.js";
import {buildModel} from "../lib/models/registry.js";
import {type Autoencoder} from "../lib/models/autoencoder.js";
import {type ModelConfig} from "../lib/models/config.js";
import {isSameArchitecture} from "../lib/training/session.js";
import {readWeights, writeWeights} from "../lib/models/weights.js";
import {wasmPaths} from "./assets.js";
import {uiStrings} from "./language.js";

export class PageModel {
  private current?: Autoencoder;

  private constructor(readonly backend: BackendChoice) {}

  /** Starts TensorFlow.js on the page with the reader's backend preference. */
  static async start(preference: BackendPreference): Promise<PageModel> {
    useBrowserBackends({wasmPaths});
    return new PageModel(await selectBackend(preference, uiStrings()));
  }

  /** Undefined until the worker's first weights. */
  get model(): Autoencoder | undefined {
    return this.current;
  }

  /** Takes the worker's latest weights, rebuilding the model first if its architecture changed. */
  update(config: ModelConfig, weights: Float32Array[]): void {
    if (!this.current || !isSameArchitecture(this.current.config, config)) {
      this.current?.dispose();
      this.current = buildModel(config);
    }
    writeWeights(this.current, weights);
  }

  /** The current weights (to hand them to a new worker), or undefined before the first. */
  async read(): Promise<{config: ModelConfig; weights: Float32Array[]} | undefined> {
    return this.current && {config: this.current.config, weights: await readWeights(this.current)};
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
  }
}
