// The requirement probe's script and its report: what it says for a program
// that switches to a user the sandbox cannot map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProbeOutput, probeScript, reportForLesson, skipReason } from '../../src/sandbox/probe.js';

test('probe: tcpdump is checked for a mapped tcpdump user, other programs are not', () => {
  assert.match(probeScript(['tcpdump'], []), /id -u tcpdump/);
  assert.doesNotMatch(probeScript(['ip', 'ping'], []), /id -u/);
});

test('probe: an unmapped user skips only the lessons that require its program, with the remedy', () => {
  const report = parseProbeOutput('unmapped tcpdump tcpdump\n');
  assert.deepEqual(report.unmappedUsers, [{ program: 'tcpdump', user: 'tcpdump' }]);
  assert.equal(skipReason(reportForLesson(report, ['ip'], [])), undefined);
  assert.match(skipReason(reportForLesson(report, ['ip', 'tcpdump'], []))!, /tcpdump switches to user tcpdump, which this sandbox cannot map.*apt-get install uidmap/);
});
