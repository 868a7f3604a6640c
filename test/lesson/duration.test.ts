// Durations: the accepted forms, the rejected ones, and display.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_DURATION_MS, formatDuration, parseDuration } from '../../src/lesson/duration.js';

test('parseDuration reads ms, s and m, whole or decimal', () => {
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('5s'), 5000);
  assert.equal(parseDuration('2m'), 120_000);
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration('1.005s'), 1005);
  assert.equal(parseDuration('0.5m'), 30_000);
  assert.equal(parseDuration('1ms'), 1);
  assert.equal(parseDuration('1440m'), MAX_DURATION_MS);
});

test('parseDuration rejects everything else', () => {
  for (const text of ['fast', '5', '0s', '0ms', '0.0s', '-5s', '+5s', '.5s', '5.s', '1m30s', '5 s', ' 5s', '5s ', '5S', '1h', '0.5ms', '1441m', '99999999999999999999s', '']) {
    assert.equal(parseDuration(text), undefined, text);
  }
});

test('formatDuration picks the shortest form that reads back', () => {
  assert.equal(formatDuration(500), '500ms');
  assert.equal(formatDuration(5000), '5s');
  assert.equal(formatDuration(1500), '1.5s');
  assert.equal(formatDuration(90_000), '90s');
  assert.equal(formatDuration(120_000), '2m');
  assert.equal(formatDuration(12_345.6), '12.346s');
  for (const ms of [1, 999, 1000, 1001, 59_999, 60_000, 61_500, MAX_DURATION_MS]) {
    assert.equal(parseDuration(formatDuration(ms)), ms, String(ms));
  }
});
