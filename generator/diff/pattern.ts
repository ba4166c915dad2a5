/**
 * Whether a changed pattern accepts more. Deciding that one regular expression accepts everything another
 * does is beyond a small check, so a change counts as wider only when it provably is (the new pattern is the
 * old one's alternatives and more, under the same anchors); any other change is taken as narrower (major):
 * a release that understates a change is worse than one that overstates it.
 */

/** True when every string `before` matches is also matched by `after` (as far as it can be shown). */
export function isWiderPattern(before: string, after: string): boolean {
  const [old, now] = [alternatives(before), alternatives(after)];
  if (!old || !now || old.anchors !== now.anchors) return false;
  const offered = new Set(now.branches);
  return old.branches.every((branch) => offered.has(branch));
}

/** The first of `examples` (strings) that `pattern` rejects, when one does. */
export function rejectedExample(pattern: string, examples: readonly unknown[]): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  return examples.find((e): e is string => typeof e === 'string' && !re.test(e));
}

/** A pattern's anchors and its top-level branches (a group around the whole body is looked into). */
function alternatives(pattern: string): { anchors: string; branches: string[] } | undefined {
  const start = pattern.startsWith('^');
  const end = pattern.endsWith('$') && !pattern.endsWith('\\$');
  let body = pattern.slice(start ? 1 : 0, end ? -1 : undefined);
  const whole = /^\(\?:(.*)\)$/s.exec(body);
  if (whole?.[1] !== undefined && splitTop(whole[1]) && closesAtEnd(body)) body = whole[1];
  const branches = splitTop(body);
  return branches ? { anchors: `${start}${end}`, branches } : undefined;
}

/** Whether the group opened at the start of `body` is the one that closes at its end. */
function closesAtEnd(body: string): boolean {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      i = classEnd(body, i);
      if (i < 0) return false;
    } else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i === body.length - 1;
  }
  return false;
}

/** `body` split at its top-level `|`; undefined when it is not well formed. */
function splitTop(body: string): string[] | undefined {
  const branches: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') i++;
    else if (ch === '[') i = classEnd(body, i);
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) {
      branches.push(body.slice(from, i));
      from = i + 1;
    }
    if (depth < 0 || i < 0) return undefined;
  }
  if (depth !== 0) return undefined;
  branches.push(body.slice(from));
  return branches;
}

/** The index of the `]` that closes the class opened at `open`; -1 when none does. */
function classEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ']') return i;
  }
  return -1;
}
