// `npm run serve [-- --isolated] [--port N] [--dir dist]`: serves the built site as a static host would.
// --isolated adds the cross-origin isolation headers (COOP/COEP) that let the wasm backend use threads.
import {parseArgs} from "node:util";
import {serveStatic} from "./static-server.js";

const {values} = parseArgs({
  options: {
    dir: {type: "string", default: "dist"},
    port: {type: "string", default: "8080"},
    isolated: {type: "boolean", default: false}
  }
});
const server = await serveStatic(values.dir, {isolated: values.isolated, port: Number(values.port)});
console.log(`Serving ${values.dir} at ${server.origin}${values.isolated ? " (cross-origin isolated)" : ""}`);
