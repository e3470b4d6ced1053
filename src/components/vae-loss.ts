// The VAE's loss twice: as a formula (KaTeX), and as the code that computes it, cut from lib/training/losses.ts
// (read by the page at build time), so that the page cannot drift from what trains. KaTeX's stylesheet (its fonts
// inlined: 370 KB) loads with the formula, not with the page: a <link> in the page would hold up its first paint.
import {FileAttachment} from "observablehq:stdlib";
import katex from "katex";
import {uiStrings} from "./language.js";
import {sourceExcerpt} from "./source-excerpt.js";

const KATEX_CSS: string = FileAttachment("../data/katex.css").href;

function useKatexStylesheet(): void {
  if (document.querySelector(`link[href="${KATEX_CSS}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = KATEX_CSS;
  document.head.append(link);
}

/** The loss, with the name of its first term in the page's language. */
const lossFormula = (reconstruction: string): string => String.raw`\begin{gathered}
  \mathcal{L}(x) \;=\; \underbrace{\sum_{i=1}^{784} \left(x_i - \hat{x}_i\right)^2}_{\text{${reconstruction}}}
  \;+\; \beta \, \underbrace{\sum_{j=1}^{d} -\tfrac{1}{2}\left(1 + 2\log\sigma_j - \mu_j^2 - \sigma_j^2\right)}_{\mathrm{KL}\left(\mathcal{N}(\mu,\,\sigma^2)\;\|\;\mathcal{N}(0,\,I)\right)}
  \\[0.6em]
  (\mu, \log\sigma) = \mathrm{encoder}(x), \quad z = \mu + \sigma \odot \varepsilon, \;\; \varepsilon \sim \mathcal{N}(0, I), \quad \hat{x} = \mathrm{decoder}(z)
  \end{gathered}`;

// The parts of losses.ts that the formula is: the sigma convention, the KL and the loss itself.
const EXCERPTS = [
  /^\/\/ Sigma convention[\s\S]*?\n(?=import)/m,
  /^\/\*\* KL\(N[\s\S]*?\n}\n/m,
  /^\/\*\*\n \* Runs the model[\s\S]*?\n}\n/m
];

/** `lossSource`: the text of lib/training/losses.ts (all of it is shown if an excerpt is no longer found). */
export function drawVaeLoss(lossSource: string): HTMLElement {
  const TEXT = uiStrings().vaeLoss;
  useKatexStylesheet();
  const root = document.createElement("div");
  root.className = "vae-loss";
  const formula = document.createElement("div");
  formula.className = "vae-formula";
  formula.innerHTML = katex.renderToString(lossFormula(TEXT.reconstruction), {
    displayMode: true,
    throwOnError: true,
    output: "htmlAndMathml"
  });
  const pre = sourceExcerpt(lossSource, EXCERPTS, TEXT.code);
  pre.className = "vae-code";
  const figure = document.createElement("figure");
  const caption = document.createElement("figcaption");
  caption.innerHTML = TEXT.caption;
  figure.append(caption, pre);
  root.append(formula, figure);
  return root;
}
