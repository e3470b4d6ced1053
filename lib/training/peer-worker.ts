// Starting the peer of ./data-parallel.ts in a browser: a training worker starts a second copy of its own script,
// which, told so by its first message, selects the wasm backend (one thread: the two workers are the threads) and
// answers gradient requests. Shared by the site's training worker and the bench's.
import {useBrowserBackends, type WasmPaths} from "../backend/browser.js";
import {selectBackend} from "../backend/selection.js";
import {GradientPeer, serveGradients, type PeerPort, type PeerReply, type PeerRequest} from "./data-parallel.js";

/** The first message to a worker that is to be a peer. */
export interface PeerStart {
  type: "peer-start";
  wasmPaths: WasmPaths;
}

type PeerStarted = {type: "peer-ready"} | {type: "peer-failed"; message: string};

export function isPeerStart(message: unknown): message is PeerStart {
  return (message as {type?: unknown} | null)?.type === "peer-start";
}

/** Starts `scriptUrl` (a module worker that calls becomePeer on a PeerStart) as this worker's peer. */
export async function startPeerWorker(scriptUrl: string, wasmPaths: WasmPaths): Promise<GradientPeer> {
  const worker = new Worker(scriptUrl, {type: "module"});
  try {
    await new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<PeerStarted>) =>
        event.data.type === "peer-ready" ? resolve() : reject(new Error(event.data.message));
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage({type: "peer-start", wasmPaths} satisfies PeerStart);
    });
  } catch (error) {
    worker.terminate();
    throw error;
  }
  worker.onmessage = null;
  worker.onerror = null;
  return new GradientPeer(worker as unknown as PeerPort<PeerRequest, PeerReply>);
}

/** The peer's side, in the worker that received `start`: wasm on one thread, then gradients on request. */
export async function becomePeer(start: PeerStart): Promise<void> {
  const scope = self as unknown as PeerPort<PeerReply | PeerStarted, PeerRequest>;
  try {
    useBrowserBackends({wasmPaths: start.wasmPaths, allowThreads: false});
    const {backend} = await selectBackend("wasm");
    if (backend !== "wasm") throw new Error(`the peer got ${backend}, not wasm`);
    // Published for inspection (the end-to-end tests count the requests it answered), as the page's trainers are.
    (globalThis as {autoencodersLabPeer?: unknown}).autoencodersLabPeer = serveGradients(scope);
    scope.postMessage({type: "peer-ready"}, []);
  } catch (error) {
    scope.postMessage({type: "peer-failed", message: error instanceof Error ? error.message : String(error)}, []);
  }
}
