// Which edition of a lesson `learn run` shows: the original, or its
// translation in lessons/LANG/ when the reader's language asks for one
// (`--lang zh`, or the locale: LC_ALL, then LC_MESSAGES, then LANG).
import { existsSync } from 'node:fs';
import path from 'node:path';

/** `zh_CN.UTF-8` -> `zh`; C, POSIX and unset give undefined. */
export function localeLanguage(env: NodeJS.ProcessEnv): string | undefined {
  const value = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  const lang = /^([a-z]{2,3})(?:[_.@-]|$)/.exec(value)?.[1];
  return lang;
}

/**
 * The file to show for `file` in language `lang`: `DIR/LANG/NAME.md` when it
 * exists, else `file` itself. A file that already is an edition in another
 * folder (`lessons/zh/bridge.md`) is kept as given.
 */
export function editionFile(file: string, lang: string | undefined): string {
  if (lang === undefined || lang === 'en') return file;
  const candidate = path.join(path.dirname(file), lang, path.basename(file));
  return existsSync(candidate) ? candidate : file;
}
