// Where the wasm modules are, relative to these scripts. `make dist` rewrites this one line for
// its flat layout, so that the page and the element work from any path and any origin.
export const PKG = new URL('../pkg/', import.meta.url).href;
