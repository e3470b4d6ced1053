// Data loader: KaTeX's stylesheet with its fonts inlined, so that formulas render with KaTeX's own fonts while
// the site stays same-origin. Framework's CSS bundler (esbuild, no loader for font files) fails on KaTeX's
// relative `url(fonts/...)` references, and a page stylesheet's font files are never copied into the build,
// so the fonts travel inside the CSS as data: URLs. Only the WOFF2 versions: every browser that runs
// TensorFlow.js reads WOFF2, and the WOFF/TTF fallbacks would triple the size.
import {readFileSync} from "node:fs";
import {join} from "node:path";

const dist = join("node_modules", "katex", "dist");

try {
  const css = readFileSync(join(dist, "katex.min.css"), "utf8");
  let inlined = 0;
  const out = css.replace(
    /url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)(?:,url\(fonts\/[\w.-]+\) format\("[\w]+"\))*/g,
    (_, name: string) => {
      inlined++;
      const font = readFileSync(join(dist, "fonts", `${name}.woff2`)).toString("base64");
      return `url(data:font/woff2;base64,${font}) format("woff2")`;
    }
  );
  // Any font reference left would be a request for a file that the build does not have.
  if (inlined === 0 || /url\(fonts\//.test(out))
    throw new Error(`unexpected katex.min.css layout (${inlined} fonts inlined)`);
  process.stdout.write(out);
} catch (error) {
  console.error(`katex.css: ${(error as Error).message}`);
  process.exit(1);
}
