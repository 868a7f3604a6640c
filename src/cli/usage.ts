// Bad command-line arguments: exit code 2 with a message.
import { InputError } from '../error.js';

export class UsageError extends InputError {}
