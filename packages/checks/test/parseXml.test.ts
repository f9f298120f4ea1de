import { describe, expect, it } from 'vitest';
import { parseXml } from '../src/xml/parseXml.js';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><label>&lol9;</label></CustomField>
`;

describe('parseXml', () => {
  it('builds a tree with the line and column where each element starts', () => {
    const result = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Price</label>\n    <inlineHelpText><![CDATA[a < b]]></inlineHelpText>\n</CustomField>\n',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.root).toMatchObject({ name: 'CustomField', uri: 'http://soap.sforce.com/2006/04/metadata', line: 2, column: 1 });
    expect(result.root.children.map((c) => [c.name, c.text, c.line, c.column])).toEqual([
      ['label', 'Price', 3, 5],
      ['inlineHelpText', 'a < b', 4, 5],
    ]);
  });

  it('reports the first well-formedness error with its position', () => {
    expect(parseXml('<CustomField>\n  <label>Price</lable>\n</CustomField>')).toEqual({
      ok: false,
      problem: expect.objectContaining({ kind: 'malformed', line: 2 }),
    });
  });

  it('rejects a billion-laughs document at its DOCTYPE, without expanding anything', () => {
    const started = performance.now();
    const result = parseXml(BILLION_LAUGHS);
    expect(result).toEqual({ ok: false, problem: { kind: 'doctype', message: 'DOCTYPE is not allowed in metadata', line: 2, column: 1 } });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects an external entity declaration (XXE) without reading the file it names', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<r>&xxe;</r>';
    const result = parseXml(xxe);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'doctype', line: 2 } });
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('does not expand entities that no DOCTYPE declared either', () => {
    expect(parseXml('<r>&xxe;</r>')).toMatchObject({ ok: false, problem: { kind: 'malformed' } });
  });
});
