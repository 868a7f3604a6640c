// --shard K/N: every lesson in exactly one shard, the same split every time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseShard, selectShard } from '../../src/run/shard.js';

const lessons = Array.from({ length: 23 }, (_, i) => `lessons/l${String(i).padStart(2, '0')}-${'abcdefg'[i % 7]}.md`);

test('shard: every lesson lands in exactly one shard, for any count', () => {
  for (let count = 1; count <= 30; count++) {
    const shards = Array.from({ length: count }, (_, i) => selectShard(lessons, { index: i + 1, count }));
    const all = shards.flat();
    assert.equal(all.length, lessons.length, `count ${count}`);
    assert.deepEqual(new Set(all), new Set(lessons));
    const sizes = shards.map((s) => s.length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `balanced for ${count}: ${sizes}`);
  }
});

test('shard: stable under the order of the arguments and ./ prefixes; keeps the given order', () => {
  const shuffled = [...lessons].reverse();
  for (let index = 1; index <= 4; index++) {
    const a = selectShard(lessons, { index, count: 4 });
    const b = selectShard(shuffled, { index, count: 4 });
    assert.deepEqual(new Set(a), new Set(b));
    assert.deepEqual(b, shuffled.filter((f) => a.includes(f)));
    const dotted = selectShard(lessons.map((f) => `./${f}`), { index, count: 4 });
    assert.deepEqual(dotted, a.map((f) => `./${f}`));
  }
  assert.deepEqual(selectShard(lessons, { index: 2, count: 3 }), selectShard(lessons, { index: 2, count: 3 }));
});

test('shard: more shards than lessons leaves some empty', () => {
  assert.deepEqual(selectShard(['a.md'], { index: 2, count: 2 }), []);
  assert.deepEqual(selectShard(['a.md'], { index: 1, count: 2 }), ['a.md']);
});

test('shard: K/N parsing', () => {
  assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
  assert.deepEqual(parseShard(' 1 / 1 '), { index: 1, count: 1 });
  for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '1/2/3', '-1/2']) assert.equal(typeof parseShard(bad), 'string', bad);
});
