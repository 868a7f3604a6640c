// CJK prose in study mode: lines break between CJK characters, never before
// closing or after opening punctuation, and a line end in the source between
// two CJK characters is no space. Checked on the rendered text at many widths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLesson } from '../../src/lesson/parse.js';
import { ansiProseStyle, renderProse, wrapPlain } from '../../src/study/prose/index.js';
import { breakAllowed } from '../../src/study/cjk-breaks.js';
import { displayWidth } from '../../src/text/width.js';

const plain = ansiProseStyle(false);

function render(markdown: string, width: number): string[] {
  const parsed = parseLesson(markdown + '\n', 'zh.md');
  assert.ok(parsed.ok);
  return parsed.lesson.parts.flatMap((p) => (p.kind === 'prose' ? renderProse(p.tokens, { width, style: plain }).split('\n') : []));
}

const PARAGRAPH =
  'Linux 网桥技术，就像真实的交换机一样，可以将多个网络设备连接在一起，但是值得注意的是交换机是一个二层设备（工作在数据链路层），' +
  '因此其实是通过 `MAC` 地址来进行通讯的，需要支持「生成树协议」之类的功能。IPVS 是 Linux 内核自带的负载均衡器：它把请求分发到多个后端。';

test('cjk: a Latin word is not stranded before a long CJK run', () => {
  const lines = render(PARAGRAPH, 40);
  assert.match(lines[0]!, /^Linux 网桥技术/);
  // Greedy filling: every line but the last is full to within one CJK cell
  // and whatever punctuation had to move with the next character.
  for (const line of lines.slice(0, -1)) assert.ok(displayWidth(line) >= 40 - 4, `short line: ${JSON.stringify(line)}`);
});

test('cjk: no line starts with closing punctuation or ends with opening punctuation, at any width', () => {
  for (let width = 20; width <= 70; width++) {
    const lines = render(PARAGRAPH, width);
    for (const line of lines) {
      assert.ok(displayWidth(line) <= width, `wider than ${width}: ${JSON.stringify(line)}`);
      assert.doesNotMatch(line, /^[，。、；：？！）」』]/, `width ${width}: line starts with closing punctuation: ${JSON.stringify(line)}`);
      assert.doesNotMatch(line, /[（「『]$/, `width ${width}: line ends with opening punctuation: ${JSON.stringify(line)}`);
    }
    // Nothing lost or added: the lines joined give the paragraph back (spaces aside).
    assert.equal(lines.join('').replace(/ /g, ''), PARAGRAPH.replace(/ /g, ''));
  }
});

test('cjk: a source line end between CJK characters is no space; next to Latin it is one', () => {
  const lines = render('网桥\n技术 and\nLinux\n内核', 80);
  assert.deepEqual(lines, ['网桥技术 and Linux 内核']);
});

test('cjk: English prose wraps at spaces only, as before', () => {
  const lines = render('A bridge forwards frames between its ports, learning addresses.', 20);
  assert.deepEqual(lines, ['A bridge forwards', 'frames between its', 'ports, learning', 'addresses.']);
});

test('cjk: learn list summaries wrap CJK text too', () => {
  const lines = wrapPlain('两台主机，各有一个容器，一个子网跨越两台主机，由 VXLAN 封装在 UDP 中传输', 24);
  for (const line of lines) {
    assert.ok(displayWidth(line) <= 24);
    assert.doesNotMatch(line, /^[，。]/);
  }
  assert.ok(lines.length >= 3);
});

test('cjk: the break rules themselves', () => {
  assert.equal(breakAllowed('网', '桥'), true);
  assert.equal(breakAllowed('x', '网'), true);
  assert.equal(breakAllowed('网', '，'), false);
  assert.equal(breakAllowed('（', '网'), false);
  assert.equal(breakAllowed('a', 'b'), false);
});
