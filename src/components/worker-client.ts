// The page's end of the training worker: starts it with the site's asset URLs, posts commands, matches query
// answers to their questions by id, and terminates it. Knows nothing of the state the messages build.
import type {BackendPreference} from "../lib/backend/names.js";
import type {PageMessage, Queries, QueryKind, WorkerMessage} from "../lib/training/protocol.js";
import {checkpointFileUrls, checkpointManifestUrl, testUrl, trainUrl, wasmPaths} from "./assets.js";
import {pageLanguage, uiStrings} from "./language.js";

export interface WorkerClientOptions {
  /** Every message that is not a query's answer. */
  onMessage: (message: WorkerMessage) => void;
  /** The worker itself failed (a script error, not a training problem). */
  onError: (message: string) => void;
  validationImages: number;
}

const absolute = (url: string): string => new URL(url, location.href).href;

export class WorkerClient {
  private worker?: Worker;
  private waiting: PageMessage[] = [];
  private queries = new Map<number, {resolve(answer: unknown): void; reject(error: Error): void}>();
  private nextQuery = 1;
  private disposed = false;

  constructor(private readonly options: WorkerClientOptions) {}

  /** Starts a worker on `backend` (terminating the one before, if any). */
  start(backend: BackendPreference): void {
    if (this.worker) {
      this.worker.terminate();
      this.rejectQueries(uiStrings().trainer.workerReplaced);
    }
    const worker = new Worker(import.meta.resolve("../train-worker.js"), {type: "module"});
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.receive(event.data);
    worker.onerror = (event) => this.options.onError(event.message);
    this.worker = worker;
    this.post({
      type: "init",
      language: pageLanguage(),
      backend,
      wasmPaths,
      trainUrl: absolute(trainUrl),
      testUrl: absolute(testUrl),
      validationImages: this.options.validationImages,
      checkpoints: {
        manifestUrl: absolute(checkpointManifestUrl),
        files: Object.fromEntries(Object.entries(checkpointFileUrls).map(([file, url]) => [file, absolute(url)]))
      },
      savedModels: {page: location.pathname},
      cores: navigator.hardwareConcurrency ?? 1
    });
    for (const message of this.waiting.splice(0)) worker.postMessage(message);
  }

  /** Sends `message`; before the first start(), keeps it for the worker (in order, after its init). */
  post(message: PageMessage): void {
    if (this.disposed) return;
    if (this.worker) this.worker.postMessage(message);
    else this.waiting.push(message);
  }

  query<K extends QueryKind>(kind: K, request: Queries[K]["request"]): Promise<Queries[K]["answer"]> {
    const id = this.nextQuery++;
    return new Promise((resolve, reject) => {
      this.queries.set(id, {resolve: resolve as (answer: unknown) => void, reject});
      this.post({type: "query", id, kind, request} as PageMessage);
    });
  }

  dispose(): void {
    this.disposed = true;
    this.worker?.terminate();
    this.rejectQueries(uiStrings().trainer.disposed);
  }

  private receive(message: WorkerMessage): void {
    const query = "id" in message && message.id !== undefined ? this.queries.get(message.id) : undefined;
    if (query && (message.type === "answer" || message.type === "failed")) {
      this.queries.delete(message.id!);
      if (message.type === "answer") query.resolve(message.answer);
      else query.reject(new Error(message.message));
      return;
    }
    this.options.onMessage(message);
  }

  private rejectQueries(reason: string): void {
    for (const {reject} of this.queries.values()) reject(new Error(reason));
    this.queries.clear();
  }
}
