// The sandbox could not be made or kept: the machine's problem, not the lesson's.
import { EnvironmentError } from '../error.js';

export class SandboxError extends EnvironmentError {}
