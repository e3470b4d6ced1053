// The small part of @observablehq/runtime (untyped) that the wiring tests use.
declare module "@observablehq/runtime" {
  export class Runtime {
    module(): Module;
    dispose(): void;
  }
  export interface Module {
    variable(observer?: unknown): Variable;
  }
  export interface Variable {
    define(name: string, inputs: string[], definition: (...inputs: never[]) => unknown): Variable;
  }
}
