// Framework configuration. The site must be fully self-contained: no CDN, no web fonts from other origins.
export default {
  title: "Autoencoders Lab",
  root: "src",
  // SITE_OUTPUT lets several builds (parallel work, benchmarks) write to separate folders.
  output: process.env.SITE_OUTPUT ?? "dist",
  // The default theme pulls a Google Fonts stylesheet at run time; our own stylesheet uses system fonts instead.
  globalStylesheets: [],
  style: "style.css",
  pager: true,
  search: false,
  footer: "Autoencoders Lab: autoencoders trained live in your browser with TensorFlow.js.",
  // An inline icon: without one, every page's first request for /favicon.ico ends in a 404 in the console.
  head: `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f2937"/><path d="M4 4h8l-5 9" stroke="#fff" stroke-width="2" fill="none"/></svg>'
  )}">`,
  pages: [
    {name: "The data", path: "/data"},
    {name: "What is an autoencoder", path: "/what-is-an-autoencoder"},
    {name: "Autoencoder", path: "/autoencoder"},
    {name: "Embeddings", path: "/embeddings"},
    {name: "Denoising", path: "/denoising"},
    {name: "Super-resolution", path: "/super-resolution"},
    {name: "Properties of autoencoders", path: "/properties"},
    {name: "Variational autoencoder", path: "/vae"}
  ]
};
