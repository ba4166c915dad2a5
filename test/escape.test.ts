/**
 * The Markdown helpers return plain texts as they are without escaping them: for any text, the result is
 * the one the full escaping gives (texts built from every character the escaping treats specially, and
 * from the whitespace that trimming removes).
 */
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  mdCell,
  mdCellLink,
  mdInline,
  mdLine,
  mdText,
  tsComment,
  tsString,
} from '../generator/emit/shared/escape.js';
import { escapedCell, escapedCommentLines, escapedMarkdown } from '../generator/emit/shared/full-escape.js';

const unit = fc.constantFrom(
  ...'ab事件 \t-.)1234567890\\`*_{}[]()#+!|~>=&<:/"\'@',
  '\r',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u200e',
  '\u202e',
  '\u2066',
  '\u00a0',
  '\u3000',
  '\ufeff',
);
const text = fc.string({ unit, maxLength: 12 });

test('a string literal holds exactly its text, with no raw line or paragraph separator', () => {
  fc.assert(
    fc.property(text, (t) => {
      const literal = tsString(t);
      assert.not.match(literal, /[\u2028\u2029\n\r]/);
      // Evaluated as JavaScript, the literal is the text again.
      assert.is(new Function(`return ${literal};`)(), t);
    }),
    { numRuns: 1000, seed: 5 },
  );
});

test('plain texts skip the escaping, and every text comes out as the full escaping gives it', () => {
  let plain = 0;
  fc.assert(
    fc.property(text, (t) => {
      const full = escapedMarkdown(t);
      if (full === t) plain++;
      assert.is(mdText(t), full, JSON.stringify(t));
      assert.is(mdCell(t), escapedCell(t), JSON.stringify(t));
      assert.is(mdLine(t), escapedMarkdown(t.replace(/[ \t]*(?:\r\n|[\r\n\u2028\u2029\u0085])[ \t]*/g, ' ')));
    }),
    {
      numRuns: 3000,
      seed: 7,
      examples: [['a & b'], ['<b>'], ['- item'], ['1. one'], [' lead'], ['trail '], ['a\nb'], ['a\u200eb']],
    },
  );
  assert.ok(plain > 100, `${plain} plain texts among the cases`);
});

test('plain doc comments skip the escaping, and every text comes out as the full escaping gives it', () => {
  let plain = 0;
  fc.assert(
    fc.property(text, (t) => {
      const full = escapedCommentLines(t);
      if (full.join('\n') === t) plain++;
      assert.is(tsComment(t), full.join('\n'), JSON.stringify(t));
    }),
    {
      numRuns: 3000,
      seed: 8,
      // Each breaks one condition of the shortcut alone.
      examples: [
        ['a */ b'],
        ['@tag'],
        [' \t@x'],
        ['a\n @b'],
        ['line \nnext'],
        ['end\u00a0'],
        ['a\rb'],
        ['a\u202eb'],
      ],
    },
  );
  assert.ok(plain > 100, `${plain} plain texts among the cases`);
});

test('a link in a table cell: one destination whatever the URL holds, and only for http(s)', () => {
  assert.is(
    mdCellLink('隔离损坏的本地盘（CLI）', 'https://x.invalid/a b/(c)|d.md'),
    '[隔离损坏的本地盘（CLI）](https://x.invalid/a%20b/%28c%29%7Cd.md)',
  );
  assert.is(mdCellLink('click', 'javascript:alert(1)'), 'click');
  assert.is(mdCellLink('a|b', 'data:text/html,x'), mdCell('a|b'));
  fc.assert(
    fc.property(fc.string(), (path) => {
      const link = mdCellLink('t', `https://x.invalid/${path}`);
      const target = link.slice(link.indexOf('](') + 2, -1);
      return !/[\s()<>[\]|]/.test(target);
    }),
  );
});

/** Rendered as the docs site and npm render Markdown (markdown-it, CommonMark with GFM tables). */
const markdown = new MarkdownIt({ html: true });
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const decoded = (html: string) => html.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
const spaced = (s: string) => s.replace(/\s+/g, ' ').trim();
// Texts of visible characters: the escaping shows invisible ones as escapes on purpose.
const visible = fc.string({
  unit: fc.constantFrom(...'ab事件 \t-.)1234567890\\`*_{}[]()#+!|~>=&<:/"\'@', '\n', '\r\n'),
  maxLength: 14,
});

test('escaped texts render as written: no markup, and no backslash or entity the reader sees', () => {
  fc.assert(
    fc.property(visible, (t) => {
      if (spaced(t) === '') return;
      const cases: [source: string, shape: RegExp, expected: string][] = [
        // A blank line in a text is a paragraph break in the output, on purpose.
        [mdText(t), /^<p>((?:[^<]|<\/p>\n<p>)*)<\/p>\n$/, t],
        [`x ${mdInline(t)}`, /^<p>([^<]*)<\/p>\n$/, `x ${t}`],
        [`- ${mdLine(t)}`, /^<ul>\n<li>([^<]*)<\/li>\n<\/ul>\n$/, t],
        [`| a |\n| - |\n| ${mdCell(t)} |\n`, /<td>(.*)<\/td>/, t],
      ];
      for (const [source, shape, expected] of cases) {
        const html = markdown.render(source);
        const inner = shape.exec(html)?.[1];
        assert.ok(inner !== undefined, `${JSON.stringify(source)} renders as ${JSON.stringify(html)}`);
        const text = inner.replace(/<br>|<\/p>\n<p>/g, ' ');
        assert.is(spaced(decoded(text)), spaced(expected), JSON.stringify(source));
      }
    }),
    { numRuns: 2000, seed: 11, examples: [['Version 2.1.0'], ['1. first\n2. second'], ['(a) [b](c) !x']] },
  );
});

test('a backslash only where the character needs it: in a line, a cell or after text, not before . ( ) ! + = > -', () => {
  fc.assert(
    fc.property(visible, (t) => {
      for (const source of [mdInline(t), mdCell(t), mdLine(t).replace(/^\\[-+=>]|^\d+\\[.)]/, '')])
        assert.not.match(source, /(?:^|[^\\])(?:\\\\)*\\[().!+=>-]/, JSON.stringify(source));
    }),
    { numRuns: 2000, seed: 13, examples: [['Version 2.1.0'], ['a 1. b'], ['(a) !x']] },
  );
});
test.run();
