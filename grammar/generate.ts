/**
 * Regenerates `grammar/cst.d.ts` and `grammar/diagrams.html` from the parser
 * (`npm run gen:grammar`, which runs the compiled copy in dist/).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderCstDts, renderDiagramsHtml } from './artifacts.js';

// Compiled to dist/grammar/generate.js; the sources live two levels up in grammar/.
const grammarDir = fileURLToPath(new URL('../../grammar/', import.meta.url));

writeFileSync(`${grammarDir}cst.d.ts`, renderCstDts());
writeFileSync(`${grammarDir}diagrams.html`, renderDiagramsHtml());
process.stdout.write(`wrote ${grammarDir}cst.d.ts and ${grammarDir}diagrams.html\n`);
