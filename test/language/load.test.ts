import test from 'ava';
import { loadProgramSources, type ReadFile } from '../../src/language/load.js';
import { where } from './_parseHelpers.js';

/** A readFile over in-memory files; throws ENOENT like the file system for anything else. */
function memoryFiles(files: Record<string, string>): ReadFile & { reads: string[] } {
  const reads: string[] = [];
  const read = (path: string): string => {
    reads.push(path);
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
  return Object.assign(read, { reads });
}

/** Diagnostics as `file:where CODE`. */
function problems(loaded: ReturnType<typeof loadProgramSources>): string[] {
  return loaded.diagnostics.map((d) => `${d.span.file}:${where(d.span)} ${d.code}`);
}

test('loads the main file and its imports, relative to the importing file', (t) => {
  const read = memoryFiles({
    '/p/main.gpio': 'import "lib/leds.gpio"\nout bar',
    '/p/lib/leds.gpio': 'import "../common/pins.gpio"\npins bar = 7..11',
    '/p/common/pins.gpio': 'const on = 250ms',
  });
  const loaded = loadProgramSources('/p/main.gpio', read);
  t.deepEqual(problems(loaded), []);
  t.is(loaded.main.file, '/p/main.gpio');
  t.deepEqual([...loaded.modules.keys()], ['/p/main.gpio', '/p/lib/leds.gpio', '/p/common/pins.gpio']);
  t.is(loaded.modules.get('/p/main.gpio'), loaded.main);
  t.deepEqual(Object.fromEntries(loaded.importsOf), {
    '/p/main.gpio': ['/p/lib/leds.gpio'],
    '/p/lib/leds.gpio': ['/p/common/pins.gpio'],
    '/p/common/pins.gpio': [],
  });
  t.deepEqual(loaded.files, ['/p/main.gpio', '/p/lib/leds.gpio', '/p/common/pins.gpio']);
  t.is(loaded.sources.get('/p/lib/leds.gpio'), 'import "../common/pins.gpio"\npins bar = 7..11');
  t.is(loaded.modules.get('/p/common/pins.gpio')?.statements[0]?.span.file, '/p/common/pins.gpio', 'spans name their own file');
});

test('a file imported twice (a diamond) is read and parsed once', (t) => {
  const read = memoryFiles({
    '/d/main.gpio': 'import "a.gpio"\nimport "b.gpio"',
    '/d/a.gpio': 'import "shared.gpio"',
    '/d/b.gpio': 'import "shared.gpio"',
    '/d/shared.gpio': 'pin led = 17',
  });
  const loaded = loadProgramSources('/d/main.gpio', read);
  t.deepEqual(problems(loaded), []);
  t.deepEqual(read.reads.filter((path) => path === '/d/shared.gpio'), ['/d/shared.gpio']);
  t.deepEqual(loaded.importsOf.get('/d/b.gpio'), ['/d/shared.gpio']);
  t.is(loaded.modules.size, 4);
});

test('E_IMPORT_NOT_FOUND at the import string', (t) => {
  const read = memoryFiles({ '/n/main.gpio': 'out 7\nimport   "missing.gpio"\nset 7' });
  const loaded = loadProgramSources('/n/main.gpio', read);
  t.deepEqual(problems(loaded), ['/n/main.gpio:2:10-2:24 E_IMPORT_NOT_FOUND']);
  t.is(loaded.diagnostics[0]?.message, 'Cannot read the imported file "missing.gpio" (/n/missing.gpio): no such file.');
  t.deepEqual(loaded.importsOf.get('/n/main.gpio'), []);
  t.deepEqual(loaded.files, ['/n/main.gpio', '/n/missing.gpio'], 'a missing import is still watched, so creating it triggers a reload');
  t.is(loaded.main.statements.length, 3);
});

test('E_IMPORT_CYCLE at the import that closes the cycle', (t) => {
  const read = memoryFiles({
    '/c/main.gpio': 'import "a.gpio"',
    '/c/a.gpio': '# a\nimport "b.gpio"',
    '/c/b.gpio': 'pin x = 1\nimport "a.gpio"',
  });
  const loaded = loadProgramSources('/c/main.gpio', read);
  t.deepEqual(problems(loaded), ['/c/b.gpio:2:8-2:16 E_IMPORT_CYCLE']);
  t.is(loaded.diagnostics[0]?.message, 'This import closes a cycle: a.gpio → b.gpio → a.gpio.');
  t.deepEqual(loaded.importsOf.get('/c/b.gpio'), [], 'the closing import is not an edge, so walking importsOf terminates');
});

test('a file importing itself is a cycle', (t) => {
  const loaded = loadProgramSources('/s/main.gpio', memoryFiles({ '/s/main.gpio': 'import "./main.gpio"' }));
  t.deepEqual(problems(loaded), ['/s/main.gpio:1:8-1:21 E_IMPORT_CYCLE']);
  t.is(loaded.diagnostics[0]?.message, 'This import closes a cycle: main.gpio → main.gpio.');
});

test('only top-level imports are followed', (t) => {
  const read = memoryFiles({ '/t/main.gpio': 'forever < import "inner.gpio" >' });
  const loaded = loadProgramSources('/t/main.gpio', read);
  t.deepEqual(problems(loaded), []);
  t.deepEqual(read.reads, ['/t/main.gpio']);
});

test('syntax errors of imported files are reported with their file', (t) => {
  const read = memoryFiles({ '/e/main.gpio': 'import "lib.gpio"\nout 7', '/e/lib.gpio': 'pin = 3' });
  t.deepEqual(problems(loadProgramSources('/e/main.gpio', read)), ['/e/lib.gpio:1:5-1:6 E_SYNTAX']);
});

test('E_FILE_NOT_FOUND when the main file cannot be read', (t) => {
  const loaded = loadProgramSources('/nowhere/main.gpio', memoryFiles({}));
  t.deepEqual(problems(loaded), ['/nowhere/main.gpio:1:1-1:1 E_FILE_NOT_FOUND']);
  t.is(loaded.diagnostics[0]?.message, 'Cannot read "/nowhere/main.gpio": no such file.');
  t.deepEqual(loaded.main.statements, []);
  t.deepEqual(loaded.files, ['/nowhere/main.gpio']);
});

test('reads the file system by default', (t) => {
  const loaded = loadProgramSources('scripts/flash-import.gpio');
  t.deepEqual(problems(loaded), []);
  t.is(loaded.modules.size, 2);
  t.true(loaded.files[1]!.endsWith('/scripts/lib/leds.gpio'));
});
