// Module shapes the bundler provides: CSS imports (bundled by esbuild) and hls.js's light build,
// which ships without its own declarations but has the full build's API minus some features.
declare module '*.css'
declare module 'hls.js/light' {
  export { default } from 'hls.js'
}
