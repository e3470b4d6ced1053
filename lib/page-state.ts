// A page's state (its slider values and choices) and its URL form, so that a reload or a shared link
// restores every control. Parsing is strict: a value of the wrong type or out of its allowed set falls
// back to the default instead of reaching a model.

export type StateValue = string | number | boolean;

/** Describes one piece of state: its default, and for numbers an inclusive range, for strings the choices. */
export type StateField =
  {default: number; min?: number; max?: number} | {default: string; choices?: readonly string[]} | {default: boolean};

export type StateSchema = Record<string, StateField>;
export type StateOf<S extends StateSchema> = {[K in keyof S]: S[K]["default"]};

export function defaultState<S extends StateSchema>(schema: S): StateOf<S> {
  return Object.fromEntries(Object.entries(schema).map(([key, field]) => [key, field.default])) as StateOf<S>;
}

/** Reads the state from a query string like `?noise=0.3&model=conv`, field by field. */
export function parseState<S extends StateSchema>(schema: S, search: string): StateOf<S> {
  const params = new URLSearchParams(search);
  const state: Record<string, StateValue> = defaultState(schema);
  for (const [key, field] of Object.entries(schema)) {
    const text = params.get(key);
    if (text !== null) state[key] = parseField(field, text) ?? field.default;
  }
  return state as StateOf<S>;
}

function parseField(field: StateField, text: string): StateValue | undefined {
  if (typeof field.default === "number") {
    const {min = -Infinity, max = Infinity} = field as {min?: number; max?: number};
    const value = Number(text);
    return text.trim() !== "" && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
  }
  if (typeof field.default === "boolean") return text === "true" ? true : text === "false" ? false : undefined;
  const {choices} = field as {choices?: readonly string[]};
  return !choices || choices.includes(text) ? text : undefined;
}

/** The query string for `state`, leaving out values equal to their default so links stay short. */
export function formatState<S extends StateSchema>(schema: S, state: StateOf<S>): string {
  const params = new URLSearchParams();
  for (const [key, field] of Object.entries(schema)) {
    const value = state[key];
    if (value !== field.default) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
