// How `learn doctor` prints its report: a table (status, check, detail, and
// for programs the lessons that need them), then what to do; or JSON.
import path from 'node:path';
import type { Style } from '../report/style.js';
import type { Check, DoctorReport } from './doctor.js';
import { LEARN } from './doctor.js';

const MARK = { ok: 'ok', problem: 'FIX', warning: 'warn' } as const;

export function formatDoctor(report: DoctorReport, style: Style): string {
  const width = Math.max(...report.checks.map((c) => label(c).length), 5);
  const under = ' '.repeat(2 + 5 + 1 + width + 2);
  const count = report.lessons.length;
  const out: string[] = [style.bold(`learn doctor: can this machine run ${count === 0 ? 'lessons' : `${count} lesson${count === 1 ? '' : 's'}`}?`), ''];
  out.push(style.dim(`  ${'state'.padEnd(5)} ${'check'.padEnd(width)}  detail`));
  for (const check of report.checks) {
    out.push(`  ${mark(check, style)} ${label(check).padEnd(width)}  ${detail(check)}`);
    if (check.status !== 'ok' && check.fix) out.push(`${under}${style.bold('fix:')} ${check.fix}`);
    if (check.status !== 'ok' && check.note) out.push(`${under}${style.dim('note:')} ${check.note}`);
  }
  out.push('', ...advice(report, style));
  return out.join('\n') + '\n';
}

function mark(check: Check, style: Style): string {
  const text = MARK[check.status].padEnd(5);
  return check.status === 'ok' ? style.green(text) : check.status === 'problem' ? style.red(text) : style.yellow(text);
}

function label(check: Check): string {
  return check.area === 'program' || check.area === 'kernel' || check.area === 'lesson' ? `${check.area} ${check.name}` : check.name;
}

function detail(check: Check): string {
  const users = check.lessons && check.lessons.length > 0 ? ` [${check.lessons.map(short).join(', ')}]` : '';
  return check.detail + users;
}

function short(file: string): string {
  return file === LEARN ? 'learn itself' : path.basename(file, '.md');
}

function advice(report: DoctorReport, style: Style): string[] {
  const out: string[] = [];
  const problems = report.checks.filter((c) => c.status === 'problem');
  if (report.missingPackages.length > 0) {
    out.push(`missing packages: ${report.missingPackages.join(' ')}`);
    out.push(`  install them with: sudo learn setup   (runs: apt-get update && apt-get install -y ${report.missingPackages.join(' ')})`);
  }
  if (report.unknownPrograms.length > 0) out.push(`install by hand (package unknown): ${report.unknownPrograms.join(', ')}`);
  const unfixable = report.skippedLessons.filter((s) => !s.fixable);
  if (unfixable.length > 0) {
    out.push(style.yellow(`warning: ${unfixable.length} lesson${unfixable.length === 1 ? '' : 's'} will be skipped on this machine (its kernel lacks a feature; no package fixes that):`));
    for (const s of unfixable) out.push(style.yellow(`  ${s.file}: ${s.reason}`));
  }
  if (problems.length === 0) {
    out.push(style.green(unfixable.length > 0 ? 'ok: every other lesson can run here' : 'ok: every lesson can run here'));
  } else {
    out.push(style.red(`${problems.length} problem${problems.length === 1 ? '' : 's'} to fix: ${problems.map(label).join(', ')}`));
  }
  return out;
}

export function doctorJson(report: DoctorReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
