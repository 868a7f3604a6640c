// Terminal escape sequences out of text: the one definition every layer
// uses (ready= matching, report files, display widths, VM boot logs), so
// the copies cannot drift apart. Pure.

/**
 * OSC (title, hyperlink) up to BEL or ST; CSI with any parameter bytes
 * (colon-separated colours included); charset designations such as ESC ( B,
 * which `tput sgr0` emits; and the other two-byte escapes.
 */
const ESCAPE = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()*+][0-9A-Za-z]|\x1b[=>@-_]/g;

/** The text without terminal escape sequences (carriage returns and other controls stay). */
export function stripEscapes(text: string): string {
  return text.replace(ESCAPE, '');
}
