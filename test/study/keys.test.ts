import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { decodeKeys, KeyInput, type Key, type KeySource } from '../../src/study/keys.js';

test('keys: enter, control keys, printable characters', () => {
  assert.deepEqual(decodeKeys('\r'), ['enter']);
  assert.deepEqual(decodeKeys('\r\n'), ['enter']);
  assert.deepEqual(decodeKeys('\n'), ['enter']);
  assert.deepEqual(decodeKeys('\x03'), ['ctrl-c']);
  assert.deepEqual(decodeKeys('\x04'), ['ctrl-d']);
  assert.deepEqual(decodeKeys('s!q?'), ['s', '!', 'q', '?']);
  assert.deepEqual(decodeKeys('\x7f'), ['backspace']);
  assert.deepEqual(decodeKeys('\x1a'), ['ctrl-z']);
  assert.deepEqual(decodeKeys('é'), ['é']);
});

test('keys: escape sequences are one key each', () => {
  assert.deepEqual(decodeKeys('\x1b[A\x1b[B\x1bOC'), ['up', 'down', 'right']);
  assert.deepEqual(decodeKeys('\x1b[3~s'), ['special', 's']);
  assert.deepEqual(decodeKeys('\x1b'), ['escape']);
});

class FakeInput extends EventEmitter implements KeySource {
  isTTY = true;
  raw: boolean[] = [];
  paused = true;
  setRawMode(raw: boolean): void {
    this.raw.push(raw);
  }
  setEncoding(): void {}
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
}

test('key input: raw mode while listening, cooked again after', () => {
  const input = new FakeInput();
  const keys = new KeyInput(input);
  keys.start();
  assert.equal(keys.isRaw, true);
  assert.equal(input.paused, false);
  keys.stop();
  assert.deepEqual(input.raw, [true, false]);
  assert.equal(input.paused, true);
});

test('key input: next() waits for a key; keys typed before it are dropped', async () => {
  const input = new FakeInput();
  const keys = new KeyInput(input);
  keys.start();
  input.emit('data', 'x');
  const next = keys.next();
  input.emit('data', 's');
  assert.equal(await next, 's');
  input.emit('data', 'ab');
  assert.equal(await keys.next({ keepTyped: true }), 'a');
  keys.stop();
});

test('key input: capture() takes every key while a step runs', async () => {
  const input = new FakeInput();
  const keys = new KeyInput(input);
  keys.start();
  const seen: string[] = [];
  const release = keys.capture((key) => seen.push(key));
  input.emit('data', 'a\x03');
  release();
  assert.deepEqual(seen, ['a', 'ctrl-c']);
  const next = keys.next();
  input.emit('data', '\r');
  assert.equal(await next, 'enter');
  keys.stop();
});

test('key input: forward() hands bytes on untouched, and the end of input', () => {
  const input = new FakeInput();
  const keys = new KeyInput(input);
  keys.start();
  const seen: Array<string | undefined> = [];
  const release = keys.forward((data) => seen.push(data));
  input.emit('data', 'ls\r\x03');
  input.emit('end');
  release();
  assert.deepEqual(seen, ['ls\r\x03', undefined]);
  keys.stop();
});

test('key input: the end of input is the key eof', async () => {
  const input = new FakeInput();
  const keys = new KeyInput(input);
  keys.start();
  input.emit('end');
  assert.equal(await keys.next(), 'eof');
  keys.stop();
});

test('key names are a union: a misspelt key in a prompt\'s table does not compile', () => {
  // Checked by the compiler when the tests build: were Key widened to any string, these lines would not compile.
  // @ts-expect-error 'entr' is no key
  const misspelt: Key = 'entr';
  // @ts-expect-error a typed character is one character
  const word: Key = 'yes';
  const named: Key[] = ['enter', 'ctrl-}', 'y', '?', 'eof'];
  assert.deepEqual([misspelt, word, ...named].length, 7);
  assert.deepEqual(decodeKeys('\ry?\x1d'), ['enter', 'y', '?', 'ctrl-}']);
});

test('key input: what is typed while a prompt of the learner\'s own opens reaches it, as typeahead', async () => {
  const input = new FakeInput();
  const keys = new KeyInput(input);
  keys.start();
  keys.holdTypeahead();
  input.emit('data', 'ip link add kube-ipvs0 type dummy');
  input.emit('data', '\r');
  const got: string[] = [];
  const release = keys.forward((data) => got.push(data ?? '<end>'));
  input.emit('data', 'x');
  release();
  assert.deepEqual(got, ['ip link add kube-ipvs0 type dummy\r', 'x']);
  // Held and not forwarded (the task was already done): the next key prompt ends the hold.
  keys.holdTypeahead();
  input.emit('data', 'zz');
  const next = keys.next();
  input.emit('data', 'q');
  assert.equal(await next, 'q');
  keys.stop();
});
