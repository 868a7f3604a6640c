// Which kind of sandbox a lesson gets, and making it: the one place that
// knows both kinds. Above this, a sandbox is a LessonSandbox.
import type { LessonSandbox, SandboxKind } from './kind.js';
import type { Privilege } from './privilege.js';
import { createSandbox } from './sandbox.js';

export interface OpenSandboxOptions {
  kind: SandboxKind;
  lessonDir: string;
  privilege?: Privilege;
  files?: Record<string, string>;
  /** Namespace sandboxes only (`host: true`). */
  hostPrivileges?: boolean;
}

export async function openSandbox(options: OpenSandboxOptions): Promise<LessonSandbox> {
  if (options.kind === 'vm') {
    // Loaded on first use: namespace lessons never pay for the VM's modules.
    const { createVmSandbox } = await import('./vm/vm-sandbox.js');
    return createVmSandbox({ lessonDir: options.lessonDir, privilege: options.privilege, files: options.files });
  }
  return createSandbox({ lessonDir: options.lessonDir, privilege: options.privilege, files: options.files, hostPrivileges: options.hostPrivileges });
}

/** The kind a lesson runs in: the command line's choice, else its front matter's. */
export function sandboxKindFor(declared: SandboxKind, override?: SandboxKind): SandboxKind {
  return override ?? declared;
}
