// NAT facts worth a line in the picture, from `nft -j list ruleset` (which
// also shows rules iptables-nft made) or from `iptables-save -t nat` where
// nft is missing: masquerade, snat and dnat rules, each summarised as
// "masquerade saddr 10.1.0.0/24 oif ens33". Pure.
import { captured } from '../text/captured.js';

export interface NatRule {
  action: 'masquerade' | 'snat' | 'dnat' | 'redirect';
  /** Where it sits: `ip nat POSTROUTING`. */
  chain: string;
  /** The rule's matches and target, in a short readable form. */
  text: string;
}

type Json = Record<string, unknown>;

export function natFromNft(ruleset: unknown): NatRule[] {
  const items = (ruleset as { nftables?: unknown[] } | undefined)?.nftables;
  if (!Array.isArray(items)) return [];
  const rules: NatRule[] = [];
  for (const item of items) {
    const rule = (item as Json).rule as Json | undefined;
    if (!rule || !Array.isArray(rule.expr)) continue;
    const parts: string[] = [];
    let action: NatRule['action'] | undefined;
    for (const expr of rule.expr as Json[]) {
      const [key, value] = Object.entries(expr)[0] ?? [];
      if (key === 'match') parts.push(matchText(value as Json));
      else if (key === 'masquerade') action = 'masquerade';
      else if (key === 'snat' || key === 'dnat' || key === 'redirect') {
        action = key;
        const target = natTarget(value as Json);
        parts.push(target ? `${key} to ${target}` : key);
      } else if (key === 'xt' && (value as Json).type === 'target') {
        const name = String((value as Json).name).toLowerCase();
        if (name === 'masquerade' || name === 'snat' || name === 'dnat' || name === 'redirect') action = name;
      }
    }
    if (!action) continue;
    if (action === 'masquerade') parts.push('masquerade');
    rules.push({ action, chain: `${rule.family} ${rule.table} ${rule.chain}`, text: parts.filter(Boolean).join(' ') });
  }
  return rules;
}

function matchText(match: Json): string {
  const op = match.op === '==' || match.op === 'in' ? '' : match.op === '!=' ? '!= ' : `${String(match.op)} `;
  return `${operand(match.left)} ${op}${operand(match.right)}`;
}

/** An expression in nft's own words, short: `saddr`, `oifname`, `tcp dport`, `10.1.0.0/24`. */
function operand(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `{ ${value.map(operand).join(', ')} }`;
  if (!value || typeof value !== 'object') return '?';
  const v = value as Json;
  if (v.payload) {
    const p = v.payload as Json;
    return p.protocol === 'ip' || p.protocol === 'ip6' ? String(p.field) : `${String(p.protocol)} ${String(p.field)}`;
  }
  if (v.meta) return String((v.meta as Json).key);
  if (v.prefix) return `${String((v.prefix as Json).addr)}/${String((v.prefix as Json).len)}`;
  if (v.set) return operand(v.set);
  if (v.range) return (v.range as unknown[]).map(operand).join('-');
  if (v.ct) return `ct ${String((v.ct as Json).key)}`;
  if (v.fib) return 'fib';
  return Object.keys(v)[0] ?? '?';
}

function natTarget(value: Json | null): string | undefined {
  if (!value) return undefined;
  const addr = value.addr === undefined ? '' : operand(value.addr);
  const port = value.port === undefined ? '' : `:${operand(value.port)}`;
  return addr + port || undefined;
}

/** `-A POSTROUTING -s 10.1.0.0/24 -j MASQUERADE` lines of `iptables-save -t nat`. */
export function natFromIptablesSave(text: string): NatRule[] {
  const rules: NatRule[] = [];
  for (const line of text.split('\n')) {
    const m = /^-A (\S+) (.*)-j (MASQUERADE|SNAT|DNAT|REDIRECT)\b(.*)$/.exec(line.trim());
    if (!m) continue;
    const action = captured(m, 3).toLowerCase() as NatRule['action'];
    rules.push({ action, chain: `ip nat ${m[1]}`, text: `${captured(m, 2).trim()} ${action}${captured(m, 4)}`.trim() });
  }
  return rules;
}
