/**
 * A tiny XML well-formedness check for the SVG writer's tests: one root element, tags
 * balanced and properly nested, attributes quoted and unique, and no raw `<` or stray
 * `&` in text or attribute values. Returns the first problem, or undefined.
 */
export function xmlProblem(xml: string): string | undefined {
  const stack: string[] = [];
  let roots = 0;
  let at = 0;
  const badText = (text: string): boolean => /<|&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text);
  while (at < xml.length) {
    const open = xml.indexOf('<', at);
    const text = xml.slice(at, open < 0 ? xml.length : open);
    if (badText(text)) return `bad character in text near ${at}: ${JSON.stringify(text.slice(0, 40))}`;
    if (text.trim() !== '' && stack.length === 0) return `text outside the root near ${at}`;
    if (open < 0) break;
    const close = xml.indexOf('>', open);
    if (close < 0) return `unclosed tag at ${open}`;
    const tag = xml.slice(open + 1, close);
    at = close + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) return `</${name}> does not close the open element`;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const m = /^([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*\/?$/.exec(tag);
    if (!m) return `malformed tag <${tag.slice(0, 60)}>`;
    const names = [...m[2]!.matchAll(/([\w:.-]+)="([^"]*)"/g)];
    if (new Set(names.map((a) => a[1])).size !== names.length) return `duplicate attribute in <${m[1]}>`;
    if (names.some((a) => badText(a[2]!))) return `bad character in an attribute of <${m[1]}>`;
    if (stack.length === 0 && ++roots > 1) return 'more than one root element';
    if (!selfClosing) stack.push(m[1]!);
  }
  return stack.length > 0 ? `<${stack[stack.length - 1]}> is never closed` : roots === 1 ? undefined : 'no root element';
}
