// The VAE's loss twice: as a formula (KaTeX), and as the code that computes it, cut from lib/training/losses.ts
// (read by the page at build time), so that the page cannot drift from what trains.
import katex from "katex";

const TEXT = {
  reconstruction: "reconstruction",
  caption: "The code that computes it, from <code>lib/training/losses.ts</code>:"
};

const FORMULA = String.raw`\begin{gathered}
  \mathcal{L}(x) \;=\; \underbrace{\sum_{i=1}^{784} \left(x_i - \hat{x}_i\right)^2}_{\text{${TEXT.reconstruction}}}
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
  const root = document.createElement("div");
  root.className = "vae-loss";
  const formula = document.createElement("div");
  formula.className = "vae-formula";
  formula.innerHTML = katex.renderToString(FORMULA, {displayMode: true, throwOnError: true, output: "htmlAndMathml"});
  const excerpts = EXCERPTS.map((pattern) => lossSource.match(pattern)?.[0].trim());
  const code = document.createElement("code");
  code.textContent = excerpts.every(Boolean) ? excerpts.join("\n\n") : lossSource;
  const pre = document.createElement("pre");
  pre.className = "vae-code";
  pre.append(code);
  const figure = document.createElement("figure");
  const caption = document.createElement("figcaption");
  caption.innerHTML = TEXT.caption;
  figure.append(caption, pre);
  root.append(formula, figure);
  return root;
}
