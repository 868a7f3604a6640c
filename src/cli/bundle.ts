// The entry of the CLI's bundle (scripts/bundle.mjs): the CLI, and the class
// the benchmark's probe (bench/probe.ts) wraps, so that it wraps the bundle's
// own copy rather than the compiled module's.
export { main } from './main.js';
export { LessonRun } from '../run/lesson-run.js';
