// Numbers as each language writes them: 20,000 and 0.5 in English, 20.000 and 0,5 in Indonesian.
export type NumberLanguage = "en" | "id";

/** The locale each language formats numbers with. */
export const LOCALES: Record<NumberLanguage, string> = {en: "en-US", id: "id-ID"};

export interface NumberFormat {
  /** Digits after the decimal separator: exactly this many (default: as many as needed, up to 3). */
  digits?: number;
  /** At most this many digits after the separator, fewer when they are zeros. */
  maxDigits?: number;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** `value` written for readers of `language`: "20,000" / "20.000", "0.5" / "0,5". */
export function formatNumber(language: NumberLanguage, value: number, format: NumberFormat = {}): string {
  if (!Number.isFinite(value)) return value > 0 ? "∞" : value < 0 ? "−∞" : "–";
  const min = format.digits ?? 0;
  const max = format.digits ?? format.maxDigits ?? 3;
  const key = `${language}:${min}:${max}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(LOCALES[language], {minimumFractionDigits: min, maximumFractionDigits: max});
    formatters.set(key, formatter);
  }
  return formatter.format(value);
}
