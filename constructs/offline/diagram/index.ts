/**
 * A diagram of the estate, drawn from an offline run's plan (never by hand): DOT source, and SVG
 * rendered in-process with the WebAssembly build of Graphviz.
 */
export * from './artifacts';
export * from './dot';
export * from './files';
export * from './model';
export * from './render';
