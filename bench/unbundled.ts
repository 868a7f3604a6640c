// The CLI from its compiled modules, as bin/learn.js ran it before the bundle:
// the bench's "unbundled" row, measured beside the bundle in the same run.
import { main } from '../src/cli/main.js';

void main(process.argv.slice(2));
