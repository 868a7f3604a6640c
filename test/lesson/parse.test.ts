// parseLesson beyond the golden fixtures: what it hands to other stages
// (tokens, RegExps, kernel feature names) and that bad input never throws.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { KERNEL_FEATURES, describeKernelFeature } from '../../src/lesson/kernel-features.js';
import { parseLesson } from '../../src/lesson/parse.js';
import type { Lesson } from '../../src/lesson/types.js';
import { fixture } from '../helpers/paths.js';

function lessonOf(source: string): Lesson {
  const result = parseLesson(source, 'lesson.md');
  assert.ok(result.ok, JSON.stringify(result));
  return result.lesson;
}

test('prose parts carry markdown-it tokens that render', async () => {
  const { default: MarkdownIt } = await import('markdown-it');
  const lesson = lessonOf('# Title\n\nSome *prose*.\n\n```sh\ntrue\n```\n\nMore.\n');
  assert.deepEqual(
    lesson.parts.map((part) => part.kind),
    ['prose', 'step', 'prose'],
  );
  const [first] = lesson.parts;
  assert.ok(first?.kind === 'prose');
  const md = new MarkdownIt();
  assert.equal(md.renderer.render(first.tokens, md.options, {}), '<h1>Title</h1>\n<p>Some <em>prose</em>.</p>\n');
});

test('parts hold the same step objects as steps', () => {
  const lesson = lessonOf('```sh\na\n```\n\ntext\n\n```sh\nb\n```\n');
  const stepsInParts = lesson.parts.flatMap((part) => (part.kind === 'step' ? [part.step] : []));
  assert.equal(stepsInParts.length, 2);
  stepsInParts.forEach((step, index) => assert.equal(step, lesson.steps[index]));
});

test('ready and normalize patterns are compiled with their documented flags', () => {
  const lesson = lessonOf(
    "---\nnormalize:\n  - pattern: 'id \\d+'\n    replace: 'id [ID]'\n---\n```sh {background ready=\"^up$\"}\nx\n```\n",
  );
  const [rule] = lesson.meta.normalize;
  assert.equal(rule?.pattern.flags, 'gm');
  assert.equal('id 4 and id 55'.replace(rule?.pattern ?? /$^/, rule?.replace ?? ''), 'id [ID] and id [ID]');
  assert.equal(lesson.steps[0]?.ready?.flags, 'm');
  assert.ok(lesson.steps[0]?.ready?.test('booting\nup\n'));
});

test('kernel features name their config option', () => {
  assert.equal(describeKernelFeature('ip_vs'), 'ip_vs (CONFIG_IP_VS)');
  for (const name of ['bridge', 'veth', 'tun', 'vxlan', 'macvlan', 'nf_tables', 'iptables', 'ip_vs']) {
    assert.ok(Object.hasOwn(KERNEL_FEATURES, name), name);
  }
  for (const info of Object.values(KERNEL_FEATURES)) assert.match(info.config, /^CONFIG_[A-Z0-9_]+$/);
});

test('an unknown front matter key reports the key and its file line', () => {
  const result = parseLesson('---\ntitle: t\n\n\nsumary: typo\n---\n', 'k.md');
  assert.ok(!result.ok);
  assert.deepEqual(
    result.errors.map((error) => [error.line, error.message.includes('`sumary`')]),
    [[5, true]],
  );
});

/** Small deterministic generator, so a failure can be replayed. */
function* pseudoRandom(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    yield state;
  }
}

test('never throws: shuffled pieces of lesson syntax', () => {
  const pieces = ['---', '\n', '```', '~~~', 'sh', 'console', ' {', '}', '#n', ' exit=', '"', "'", '\\', '$ ', '^C', '# H', '> ', '- ', '  ', 'title:', ' [', ']', 'normalize:', '  - pattern: (', 'ready=', 'background', '\t', '\r'];
  const random = pseudoRandom(42);
  for (let round = 0; round < 2000; round += 1) {
    const length = (random.next().value as number) % 60;
    let source = '';
    for (let i = 0; i < length; i += 1) source += pieces[(random.next().value as number) % pieces.length];
    assert.doesNotThrow(() => parseLesson(source, 'fuzz.md'), JSON.stringify(source));
  }
});

test('never throws on any fixture cut at any line', () => {
  const directory = fixture('lessons-parse');
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.md'))) {
    const lines = readFileSync(`${directory}/${file}`, 'utf8').split('\n');
    for (let cut = 0; cut <= lines.length; cut += 1) {
      const source = lines.slice(0, cut).join('\n');
      assert.doesNotThrow(() => parseLesson(source, file), `${file} cut at ${cut}`);
    }
  }
});

test('a normalize rule the normalizer cannot use is a parse error at the rule\'s line', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['x*', 'y', /matches empty text/],
    ['id \\d+', 'id [..]', /must not contain the wildcard \[\.\.\]/],
    ['id \\d+', 'id [id]', /invalid placeholder \[id\]/],
    ['id \\d+', '...', /must not produce the wildcard line/],
  ];
  for (const [pattern, replace, message] of cases) {
    const source = `---\ntitle: T\nnormalize:\n  - pattern: '${pattern}'\n    replace: '${replace}'\n---\n\`\`\`sh\ntrue\n\`\`\`\n`;
    const result = parseLesson(source, 'lesson.md');
    assert.equal(result.ok, false, pattern);
    if (result.ok) continue;
    assert.equal(result.errors.length, 1, JSON.stringify(result.errors));
    assert.equal(result.errors[0]?.line, 4);
    assert.match(result.errors[0]?.message ?? '', message);
  }
});

test('front matter sandbox: ns by default, vm when asked, anything else an error at its line', () => {
  assert.equal(lessonOf('# T\n').meta.sandbox, 'ns');
  assert.equal(lessonOf('---\nsandbox: vm\n---\n# T\n').meta.sandbox, 'vm');
  assert.equal(lessonOf('---\nsandbox: ns\n---\n# T\n').meta.sandbox, 'ns');
  const bad = parseLesson('---\ntitle: T\nsandbox: qemu\n---\n', 'lesson.md');
  assert.ok(!bad.ok);
  assert.deepEqual(bad.errors.map((e) => [e.line, e.message]), [[3, 'front matter `sandbox`: must be ns (namespaces on this kernel, the default) or vm (a small VM with its own kernel)']]);
});
