// What study mode shows around the steps, as text: the banner, the header
// and commands before a step, the key hints, the verdict after it (from the
// runner's StepResult, the same verdict `learn test` gives), the one-line
// note of a hidden step, and the recap at the end. Pure: values in, lines
// out; one file per part of the screen.
export { bannerLines } from './banner.js';
export { helpLines, keyLine, type KeyHint } from './keys.js';
export { explain, MAX_RULE_WIDTH, ruleWidth, type ViewContext } from './layout.js';
export { programsUsed, recapCounts, recapLines, type Recap, type RecapCounts } from './recap.js';
export { hiddenNote, screenLines, stepCommandLines, stepHeader, type Position } from './step.js';
export { isSetback, verdictLines, verdictMark, verdictOf, type Verdict, type VerdictInfo } from './verdict.js';
