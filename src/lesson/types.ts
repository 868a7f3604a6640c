// The Lesson model: what the parser produces and every later stage consumes.
// Knows nothing of shells, sandboxes or snapshots. Line numbers are 1-based
// lines of the lesson file (front matter included), so any message can say
// `file:line`.
import type Token from 'markdown-it/lib/token.mjs';
import type { NormalizeRuleSpec } from '../normalize/rule-spec.js';
import type { KernelFeature } from './kernel-features.js';

export type FenceLanguage = 'sh' | 'bash' | 'shell' | 'console';

/** What the step's last command is expected to exit with. */
export type ExpectedExit =
  | { kind: 'code'; code: number }
  | { kind: 'nonzero' }
  | { kind: 'any' };

/** One line to type into the shell, with where it came from. */
export interface CommandLine {
  line: number;
  text: string;
}

export interface Step {
  /** 0-based position among the lesson's steps. */
  index: number;
  /** `#name` if given, otherwise an automatic name (see lesson/names.ts). */
  name: string;
  explicitName: boolean;
  language: FenceLanguage;
  /** Line of the opening fence. */
  line: number;
  /** Line of the closing fence (or the last line when the fence is unclosed). */
  endLine: number;
  /** Text of the nearest heading above the step ('' before any heading). */
  section: string;
  /** The fence body exactly as written (for display). */
  body: string;
  /** Lines to type, in order. For `console`, only `$ ` lines, prefix stripped. */
  commands: CommandLine[];
  /** A step whose whole body is `^C`: interrupt the background step on `term`. */
  interrupt: boolean;
  exit: ExpectedExit;
  /** True when the fence had an explicit `exit=` attribute. */
  exitDeclared: boolean;
  /** Effective time limit: the step's `timeout=` or the lesson default. */
  timeoutMs: number;
  /** Terminal name; `main` unless `term=NAME`. */
  term: string;
  background: boolean;
  /** With `background`: wait until the terminal shows text matching this. */
  ready?: RegExp;
  hidden: boolean;
  norun: boolean;
  nosnapshot: boolean;
  /** Extension: this fence is a task's check (see docs/lesson-format.md, Tasks). */
  check?: TaskCheck;
  /** Extension: this step is (part of) the solution of the task whose check has this name. */
  solution?: string;
}

/** A hint of a task: a `<details><summary>Hint</summary>` block after its check. */
export interface TaskHint {
  /** Line of the `<details>` that opens it. */
  line: number;
  tokens: Token[];
}

/** What makes a step fence a check: run without a terminal, its status says whether the task is done. */
export interface TaskCheck {
  /** `retry=DURATION`: re-run until it passes or this much time has passed. */
  retryMs?: number;
  hints: TaskHint[];
  /** Indexes of the steps marked `solution=` this check's name, in order. */
  solutionSteps: number[];
}

export type { NormalizeRuleSpec } from '../normalize/rule-spec.js';

export interface LessonMeta {
  title: string;
  summary: string;
  requires: string[];
  kernel: KernelFeature[];
  /** Default step timeout in milliseconds (10 s unless `timeout:`). */
  timeoutMs: number;
  normalize: NormalizeRuleSpec[];
  /** Extension: `host: true` asks for host privileges (see docs/lesson-format.md). */
  hostAccess: boolean;
  /** Extension: `sandbox: vm` runs the lesson in a VM with its own kernel (docs/lesson-format.md). */
  sandbox: 'ns' | 'vm';
  /** Extension: `original: ../bridge.md` makes this lesson a translation of that one. */
  original?: { path: string; line: number };
}

/** A translated lesson: checked step for step against its original (lesson/translation.ts). */
export interface Translation {
  /** Path of the original lesson file (relative to the caller's directory when the translation's path is). */
  original: string;
  /** The edition's language: the name of the translation's folder (`lessons/zh/` -> `zh`). */
  lang: string;
}

/** The lesson as a reader sees it: prose and steps in document order. */
export type LessonPart =
  | { kind: 'prose'; tokens: Token[] }
  | { kind: 'step'; step: Step };

export interface Lesson {
  /** Path of the lesson file, as given by the caller. */
  file: string;
  /** Its short name, computed once by the parser: the file's name without extension (a translation's is its original's). */
  name: string;
  meta: LessonMeta;
  steps: Step[];
  parts: LessonPart[];
  /** Set by loadLesson when the front matter names an original. */
  translation?: Translation;
}

/** The lesson file this lesson runs as: its own, or a translation's original, whose snapshots and folder ($LESSON_DIR) it uses. */
export function originalLessonFile(lesson: Lesson): string {
  return lesson.translation?.original ?? lesson.file;
}

/** A problem in a lesson file: always points at a line. */
export interface LessonDiagnostic {
  file: string;
  line: number;
  message: string;
}

export type ParseResult =
  | { ok: true; lesson: Lesson }
  | { ok: false; errors: LessonDiagnostic[] };

export function formatDiagnostic(d: LessonDiagnostic): string {
  return `${d.file}:${d.line}: ${d.message}`;
}
