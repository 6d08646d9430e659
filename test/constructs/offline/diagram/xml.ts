/**
 * A small XML well-formedness check for the rendered SVG: every element closed in order, every
 * attribute quoted, every entity known. Enough to catch a broken renderer or bad escaping.
 */
const NAME = '[A-Za-z_][\\w.:-]*';
const TAG = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const body = xml
    .replace(/<\?xml[^?]*\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!DOCTYPE[^>]*>/g, '');
  const open: string[] = [];
  let roots = 0;
  for (let i = 0; i < body.length;) {
    if (body[i] === '<') {
      TAG.lastIndex = i;
      const m = TAG.exec(body);
      if (m === null) {
        problems.push(`malformed tag at ${i}: ${body.slice(i, i + 40)}`);
        break;
      }
      const [whole, closing, name, , selfClosing] = m;
      if (closing) {
        const top = open.pop();
        if (top !== name) {
          problems.push(`</${name}> closes <${top}>`);
        }
      } else if (!selfClosing) {
        if (open.length === 0) {
          roots += 1;
        }
        open.push(name);
      }
      i += whole.length;
      continue;
    }
    if (body[i] === '&') {
      const entity = /^&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/.exec(body.slice(i, i + 12));
      if (entity === null) {
        problems.push(`bad entity at ${i}: ${body.slice(i, i + 12)}`);
      }
    }
    i += 1;
  }
  if (open.length > 0) {
    problems.push(`unclosed: ${open.join(' > ')}`);
  }
  if (roots !== 1) {
    problems.push(`expected one root element, found ${roots}`);
  }
  return problems;
}

/** Text with XML character references and the five named entities decoded (Graphviz writes `-` as `&#45;`). */
export function decodeXml(xml: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return xml.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, ref: string) =>
    ref.startsWith('#x')
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(Number(ref.slice(1)))
        : named[ref],
  );
}
