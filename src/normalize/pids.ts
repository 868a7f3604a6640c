// Process ids: bash job-control lines (`[1] 12345`, `jobs -l`), ss -p
// (`pid=123`), GLib messages (`** (tshark:5736)`), bash's kill errors and
// program-style `socat[58]` / `dnsmasq[4120]:` log prefixes.
// The job number and the job state (`Done`, `Terminated`) stay.
import { defineRule, placeholder } from './rule.js';

const PID = placeholder('PID');

// `[1] 12345`, `[2]-  7193 Running   python3 ...` (jobs -l pads the pid to
// five columns, so the padding goes too: `[2]- [PID] Running`)
const JOB_LINE_PID = /^(\[\d+\][+-]?) +\d+(?= |$)/gm;
// ss -p: `users:(("python3",pid=4594,fd=3))`
const PID_FIELD = /(?<=\bpid=)\d+\b/g;
// GLib: ` ** (tshark:5736) 11:41:05.970724 [Main MESSAGE] -- Capture started.`
const GLIB_PID = /(?<=\*\* \([\w.-]+:)\d+(?=\))/g;
// program[pid]: socat `socat[58] N listening ...` (a level letter follows),
// syslog `dnsmasq[4120]: started`; not a bare index (`a[1]=x`)
// (the brackets go with the number: `socat[PID]`)
const PROGRAM_PID = /(?<=(?:^|[\s\]])[A-Za-z][\w.-]*)\[\d+\](?=(?: [DINWEF] |: ))/gm;
// bash: `bash: kill: (7192) - No such process`
const KILL_PID = /(?<=\bkill: \()\d+(?=\) - No such process)/g;

export const processIds = defineRule({
  name: 'process-id',
  description: 'process ids in job lines ([1] 12345), ss -p (pid=123), socat[58], GLib and kill messages -> [PID]',
  placeholders: ['PID'],
  apply(text) {
    let out = text;
    if (out.includes('[')) out = out.replace(JOB_LINE_PID, `$1 ${PID}`);
    if (out.includes('pid=')) out = out.replace(PID_FIELD, PID);
    if (out.includes('** (')) out = out.replace(GLIB_PID, PID);
    if (out.includes('kill: (')) out = out.replace(KILL_PID, PID);
    if (out.includes(']')) out = out.replace(PROGRAM_PID, PID);
    return out;
  },
});
