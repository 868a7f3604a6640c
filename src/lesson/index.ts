// The lesson module's public surface: markdown -> Lesson, and the helpers
// other stages use to talk about lessons (durations, kernel features, markdown).
export { parseLesson } from './parse.js';
export { loadLesson } from './load.js';
export { formatDuration, parseDuration, MAX_DURATION_MS } from './duration.js';
export {
  KERNEL_FEATURES,
  KERNEL_FEATURE_NAMES,
  describeKernelFeature,
  isKernelFeature,
  type KernelFeature,
  type KernelFeatureInfo,
} from './kernel-features.js';
export { createMarkdown } from './markdown.js';
export { DEFAULT_TIMEOUT_MS } from './meta.js';
export { NORMALIZE_FLAGS } from './meta-values.js';
export { READY_FLAGS } from './step-attributes.js';
export * from './types.js';
