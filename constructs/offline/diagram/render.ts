/**
 * Renders DOT to SVG in this process, with the WebAssembly build of Graphviz (`@viz-js/viz`): no
 * system package, no network. `@viz-js/viz` is an optional peer dependency of this package, loaded
 * only when a diagram is rendered.
 */

/** What this module needs of `@viz-js/viz`. */
interface VizInstance {
  renderString(dot: string, options: { readonly format: string; readonly engine: string }): string;
}

let viz: Promise<VizInstance> | undefined;

async function loadViz(): Promise<VizInstance> {
  let module: { instance(): Promise<VizInstance> };
  try {
    module = await import('@viz-js/viz');
  } catch (err) {
    throw new Error(
      `rendering a diagram needs the optional peer dependency @viz-js/viz (npm install @viz-js/viz): ${(err as Error).message}`,
    );
  }
  return module.instance();
}

/** Lays out DOT source with Graphviz's `dot` engine and returns the SVG document. Throws on bad DOT. */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= loadViz();
  const instance = await viz.catch((err: unknown) => {
    viz = undefined;
    throw err;
  });
  return instance.renderString(dot, { format: 'svg', engine: 'dot' });
}
