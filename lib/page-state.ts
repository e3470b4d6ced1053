// A page's state (its slider values and choices) and its URL form, so that a reload or a shared link
// restores every control. Parsing is strict: a value of the wrong type or an unknown choice falls back to the
// default, and a number is snapped to what its control allows (a step of the slider, its range, a list of stops)
// instead of reaching a model as it was typed: `?latent=2.5` opens with the latent dimension the slider shows.

export type StateValue = string | number | boolean;

/**
 * A number: its default, an inclusive range, and what the control allows in it: multiples of `step` counted from
 * `min` (from 0 without a `min`), or one of `stops`.
 */
export interface NumberField {
  default: number;
  min?: number;
  max?: number;
  step?: number;
  stops?: readonly number[];
}

/** Describes one piece of state: its default, and for numbers what they may be, for strings the choices. */
export type StateField = NumberField | {default: string; choices?: readonly string[]} | {default: boolean};

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
    const value = Number(text);
    return text.trim() !== "" && Number.isFinite(value) ? snapNumber(field as NumberField, value) : undefined;
  }
  if (typeof field.default === "boolean") return text === "true" ? true : text === "false" ? false : undefined;
  const {choices} = field as {choices?: readonly string[]};
  return !choices || choices.includes(text) ? text : undefined;
}

/**
 * The allowed value nearest to `value`: the nearest stop, or the value clamped into [min, max] and rounded to a
 * whole number of steps from `min` (ties upwards, as a range input rounds), staying within the range.
 */
export function snapNumber({min = -Infinity, max = Infinity, step, stops}: NumberField, value: number): number {
  if (stops?.length) {
    return stops.reduce((best, stop) => (Math.abs(stop - value) < Math.abs(best - value) ? stop : best), stops[0]);
  }
  const clamped = Math.min(max, Math.max(min, value));
  if (!step || step <= 0) return clamped;
  const origin = Number.isFinite(min) ? min : 0;
  let steps = Math.round((clamped - origin) / step);
  if (origin + steps * step > max) steps = Math.floor((max - origin) / step);
  // 7 steps of 0.05 are 0.35000000000000003: keep the digits a person would type.
  return Number((origin + steps * step).toPrecision(12));
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
