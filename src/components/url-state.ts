// Keeps a page's state in its URL (see lib/page-state.ts): read once at load, rewritten on every change
// with replaceState, so the back button is not flooded with slider positions.
import {formatState, parseState, type StateOf, type StateSchema} from "../lib/page-state.js";

export function readUrlState<S extends StateSchema>(schema: S): StateOf<S> {
  return parseState(schema, location.search);
}

export function writeUrlState<S extends StateSchema>(schema: S, state: StateOf<S>): void {
  const url = `${location.pathname}${formatState(schema, state)}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, "", url);
}
