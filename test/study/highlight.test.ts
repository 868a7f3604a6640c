import assert from 'node:assert/strict';
import { test } from 'node:test';
import { highlightShell, linePrompts, type ShellPalette } from '../../src/study/highlight.js';

const tags: ShellPalette = { paint: (text, part) => (part === 'text' ? text : `<${part}>${text}</${part}>`) };
const one = (line: string): string => highlightShell([line], tags)[0]!;

test('highlight: command words, options, strings, variables, operators, comments', () => {
  assert.equal(one('ip -br link show dev br0'), '<command>ip</command> <option>-br</option> link show dev br0');
  assert.equal(one('echo "hi $USER" | tr a-z A-Z'), '<command>echo</command> <string>"hi $USER"</string> <operator>|</operator> <command>tr</command> a-z A-Z');
  assert.equal(one('ping -c 1 $ADDR # one packet'), '<command>ping</command> <option>-c</option> 1 <variable>$ADDR</variable> <comment># one packet</comment>');
  assert.equal(one('A=1 env'), 'A=1 <command>env</command>');
  assert.equal(one('sudo ip link'), '<command>sudo</command> <command>ip</command> link');
});

test('highlight: heredoc bodies are left as strings, the terminator ends them', () => {
  const lines = highlightShell(['cat <<EOF > /tmp/x', 'echo not a command', 'EOF', 'ls'], tags);
  assert.equal(lines[0], '<command>cat</command> <operator><<</operator><string>EOF</string> <operator>></operator> /tmp/x');
  assert.equal(lines[1], '<string>echo not a command</string>');
  assert.equal(lines[3], '<command>ls</command>');
});

test('highlight: without colours the text is unchanged', () => {
  const plain: ShellPalette = { paint: (text) => text };
  const source = ['for n in 1 2; do', '  echo "$n" && true # c', 'done'];
  assert.deepEqual(highlightShell(source, plain), source);
});

test('prompts: $ where a command starts, > where one continues', () => {
  assert.deepEqual(linePrompts(['ip link add br0 type bridge', 'ip link set br0 up']), ['$', '$']);
  assert.deepEqual(linePrompts(['ip link add \\', '  br0 type bridge', 'echo done']), ['$', '>', '$']);
  assert.deepEqual(linePrompts(['for n in a b; do', '  echo $n', 'done', 'echo after']), ['$', '>', '>', '$']);
  assert.deepEqual(linePrompts(["cat <<'EOF'", 'body with do', 'EOF', 'ls']), ['$', '>', '>', '$']);
  assert.deepEqual(linePrompts(['greet() {', '  echo hi', '}', 'greet']), ['$', '>', '>', '$']);
  assert.deepEqual(linePrompts(['cat <<<"do"', 'ls']), ['$', '$']);
  assert.deepEqual(linePrompts(['ls |', 'wc -l']), ['$', '>']);
});
