// Bad command-line arguments: exit code 2 with a message.
export class UsageError extends Error {}
