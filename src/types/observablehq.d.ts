// The parts of Framework's standard library that our TypeScript modules use.
declare module "observablehq:stdlib" {
  interface FileAttachmentObject {
    readonly href: string;
    readonly name: string;
    url(): Promise<string>;
    arrayBuffer(): Promise<ArrayBuffer>;
    json(): Promise<unknown>;
    text(): Promise<string>;
  }
  export function FileAttachment(name: string): FileAttachmentObject;
  export const Generators: {
    /** A generator of the values `initialize` passes to `notify`; `initialize` returns the disposer. */
    observe<T>(initialize: (notify: (value: T) => void) => (() => void) | void): AsyncGenerator<T>;
  };
}
