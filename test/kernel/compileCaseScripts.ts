/**
 * Host side: compiles the guest's case scripts (guest/caseScripts.ts) for bcm2711 into the
 * JSON the guest loads. Run as a program it writes that JSON to the file it is given:
 *
 *   node dist/test/kernel/compileCaseScripts.js /tmp/programs.json
 *   test/kernel/boot.sh dist/test/kernel/guest/chardevCases.js /tmp/programs.json
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type ProgramJson, programToJson } from '../../runtime/program/programJson.js';
import { compileSource } from '../../src/compile/compileScript.js';
import { CASE_SCRIPTS, type CaseScriptName } from './guest/caseScripts.js';

/** The compiled case programs, and every script that did not compile cleanly (with why). */
export interface CompiledCases {
  readonly programs: Partial<Record<CaseScriptName, ProgramJson>>;
  /** `name: CODE message` per diagnostic; a warning counts (a case script that warns tests nothing). */
  readonly problems: readonly string[];
}

/** Compiles every case script. */
export function compileCaseScripts(): CompiledCases {
  const programs: Partial<Record<CaseScriptName, ProgramJson>> = {};
  const problems: string[] = [];
  for (const [name, script] of Object.entries(CASE_SCRIPTS) as [CaseScriptName, string][]) {
    const compiled = compileSource(script, { chip: 'bcm2711' });
    for (const d of compiled.diagnostics) problems.push(`${name}: ${d.code} ${d.message}`);
    if (compiled.program) programs[name] = programToJson(compiled.program);
    else if (compiled.diagnostics.length === 0) problems.push(`${name}: no program`);
  }
  return { programs, problems };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2];
  const { programs, problems } = compileCaseScripts();
  if (out === undefined || problems.length > 0) {
    console.error(out === undefined ? 'usage: compileCaseScripts.js OUT.json' : problems.join('\n'));
    process.exitCode = 1;
  } else {
    writeFileSync(out, JSON.stringify(programs));
  }
}
