// Keeps docs/protocol.md in step with the catalogue. The test parses the
// Markdown tables of the docs and compares them with the messages, structs,
// constants, rules, enumerations, error codes and close codes of
// packages/protocol/src. It checks both directions, so an entry missing from
// the docs and an entry the catalogue does not have both fail, each with a
// message that names the difference.
//
// Tables are recognised by their header row:
//   | Name | Opcode | Direction | Fields | Summary |   messages
//   | Field | Type | Meaning |                        a struct, named by the code span in the heading above
//   | Constant | Value | Meaning |                    numeric exports of limits.ts
//   | Rule | Value | Meaning |                        `rules.*` of limits.ts
//   | Enumeration | Value | Name |                    enumerations of field values
//   | Code | Message | Closes | Retry |                error codes
//   | Code | Name | Meaning |                         close codes

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import {
  chatKinds,
  closeCodes,
  describeField,
  errorCatalogue,
  messages,
  navigatorViews,
  postures,
  roomAccess,
  type FieldMap,
  type FieldType,
  type MessageDefinition,
  type StructField,
} from '../src/index.ts';
import * as limits from '../src/limits.ts';

const DOCS_PATH = 'docs/protocol.md';
const docsText = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');

interface TableRow {
  /** 1-based line number in the docs, for failure messages. */
  line: number;
  cells: string[];
}

interface Table {
  /** Text of the nearest heading above the table, without the leading #s. */
  heading: string;
  line: number;
  header: string[];
  rows: TableRow[];
}

/** Splits a Markdown table row into trimmed cells; `\|` inside a cell is a literal pipe. */
function splitRow(line: string): string[] {
  let inner = line.trim();
  if (inner.startsWith('|')) {
    inner = inner.slice(1);
  }
  if (inner.endsWith('|') && !inner.endsWith('\\|')) {
    inner = inner.slice(0, -1);
  }
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replaceAll('\\|', '|'));
}

const separatorRow = /^\|(\s*:?-+:?\s*\|)+\s*$/;

/** Finds every pipe table in `markdown`, skipping fenced code blocks. */
function parseTables(markdown: string): Table[] {
  const lines = markdown.split('\n');
  const tables: Table[] = [];
  let heading = '';
  let inFence = false;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.startsWith('```')) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      continue;
    }
    if (line.startsWith('#')) {
      heading = line.replace(/^#+\s*/, '').trim();
      continue;
    }

    const next = lines[index + 1];
    if (!line.startsWith('|') || next === undefined || !separatorRow.test(next.trim())) {
      continue;
    }

    const table: Table = { heading, line: index + 1, header: splitRow(line), rows: [] };
    index += 2;
    while (index < lines.length && lines[index].startsWith('|')) {
      table.rows.push({ line: index + 1, cells: splitRow(lines[index]) });
      index += 1;
    }
    index -= 1;
    tables.push(table);
  }
  return tables;
}

const tables = parseTables(docsText);

function tablesWithHeader(header: readonly string[]): Table[] {
  return tables.filter((table) => table.header.join('|') === header.join('|'));
}

/** Returns the text inside a cell that is exactly one code span, such as `walk`, or undefined. */
function codeSpan(cell: string): string | undefined {
  return /^`([^`]+)`$/.exec(cell)?.[1];
}

/** Parses a cell of comma-separated code spans, or `none` for an empty list. */
function codeSpanList(cell: string): string[] | undefined {
  if (cell === 'none') {
    return [];
  }
  if (!/^`[^`]+`(, `[^`]+`)*$/.test(cell)) {
    return undefined;
  }
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]);
}

function where(row: TableRow): string {
  return `${DOCS_PATH} line ${row.line}`;
}

function formatOpcode(opcode: number): string {
  return `0x${opcode.toString(16).padStart(4, '0')}`;
}

function describeFields(fields: FieldMap): string[] {
  return Object.entries(fields).map(([name, field]) => `${name}: ${describeField(field)}`);
}

function listText(items: readonly string[]): string {
  return items.length === 0 ? '(none)' : items.join(', ');
}

/**
 * Describes how two field lists of `name: type` entries differ, field by
 * field: a changed type, a field missing from the docs, a field the catalogue
 * does not have, or the same fields in another order.
 */
function fieldDifferences(documented: readonly string[], expected: readonly string[]): string[] {
  const split = (entry: string): [string, string] => {
    const separator = entry.indexOf(': ');
    return separator < 0 ? [entry, ''] : [entry.slice(0, separator), entry.slice(separator + 2)];
  };
  const documentedTypes = new Map(documented.map(split));
  const expectedTypes = new Map(expected.map(split));
  const differences: string[] = [];

  for (const [name, type] of expectedTypes) {
    const documentedType = documentedTypes.get(name);
    if (documentedType === undefined) {
      differences.push(`field ${name}: ${type} is missing from the docs`);
    } else if (documentedType !== type) {
      differences.push(`field ${name} is ${documentedType} in the docs but ${type} in the catalogue`);
    }
  }
  for (const [name, type] of documentedTypes) {
    if (!expectedTypes.has(name)) {
      differences.push(`field ${name}: ${type} is not in the catalogue`);
    }
  }
  if (differences.length === 0 && documented.join(', ') !== expected.join(', ')) {
    differences.push(`fields are in the order ${listText(documented)} in the docs but ${listText(expected)} in the catalogue`);
  }
  return differences;
}

/** Reports a problem per name that is in one list and not the other; `kind` names what the entries are. */
function compareNames(
  problems: string[],
  kind: string,
  catalogueNames: Iterable<string>,
  documented: Map<string, TableRow>,
): void {
  const inCatalogue = new Set(catalogueNames);
  for (const name of inCatalogue) {
    if (!documented.has(name)) {
      problems.push(`${kind} ${name} is in the catalogue but missing from ${DOCS_PATH}`);
    }
  }
  for (const [name, row] of documented) {
    if (!inCatalogue.has(name)) {
      problems.push(`${where(row)} lists ${kind} ${name}, which is not in the catalogue`);
    }
  }
}

/** Collects rows by the code span in column `column`, reporting malformed and duplicate names. */
function rowsByName(problems: string[], kind: string, rows: TableRow[], column = 0): Map<string, TableRow> {
  const byName = new Map<string, TableRow>();
  for (const row of rows) {
    const name = codeSpan(row.cells[column] ?? '');
    if (name === undefined) {
      problems.push(`${where(row)}: the ${kind} name must be one code span such as \`name\`, got "${row.cells[column]}"`);
      continue;
    }
    if (byName.has(name)) {
      problems.push(`${where(row)}: ${kind} ${name} is listed twice (first at line ${byName.get(name)?.line})`);
      continue;
    }
    byName.set(name, row);
  }
  return byName;
}

function assertNoProblems(problems: string[]): void {
  assert.deepEqual(problems, [], `${DOCS_PATH} differs from the catalogue:\n  ${problems.join('\n  ')}`);
}

const MESSAGE_HEADER = ['Name', 'Opcode', 'Direction', 'Fields', 'Summary'];
const STRUCT_HEADER = ['Field', 'Type', 'Meaning'];
const CONSTANT_HEADER = ['Constant', 'Value', 'Meaning'];
const RULE_HEADER = ['Rule', 'Value', 'Meaning'];
const ENUMERATION_HEADER = ['Enumeration', 'Value', 'Name'];
const ERROR_HEADER = ['Code', 'Message', 'Closes', 'Retry'];
const CLOSE_CODE_HEADER = ['Code', 'Name', 'Meaning'];

/** Returns the message family: the opcode's high byte without the server bit. */
function familyOf(opcode: number): number {
  return (opcode >> 8) & 0x7f;
}

test('docs list every message as in the catalogue', () => {
  const problems: string[] = [];
  const messageTables = tablesWithHeader(MESSAGE_HEADER);
  const rows = messageTables.flatMap((table) => table.rows);
  const documented = rowsByName(problems, 'message', rows);
  const definitions = Object.values(messages) as MessageDefinition[];

  compareNames(problems, 'message', definitions.map((definition) => definition.name), documented);

  for (const definition of definitions) {
    const row = documented.get(definition.name);
    if (row === undefined) {
      continue;
    }
    const [, opcodeCell, directionCell, fieldsCell, summaryCell] = row.cells;
    const label = `${where(row)}: message ${definition.name}`;

    const expectedOpcode = formatOpcode(definition.opcode);
    if (!/^0x[0-9a-fA-F]{4}$/.test(opcodeCell ?? '') || Number.parseInt(opcodeCell.slice(2), 16) !== definition.opcode) {
      problems.push(`${label} has opcode "${opcodeCell}"; the catalogue has ${expectedOpcode}`);
    }
    if (directionCell !== definition.direction) {
      problems.push(`${label} has direction "${directionCell}"; the catalogue has ${definition.direction}`);
    }

    const documentedFields = codeSpanList(fieldsCell ?? '');
    const expectedFields = describeFields(definition.fields);
    if (documentedFields === undefined) {
      problems.push(`${label}: the fields cell must be \`name: type\` code spans separated by ", ", or none; got "${fieldsCell}"`);
    } else {
      for (const difference of fieldDifferences(documentedFields, expectedFields)) {
        problems.push(`${label}: ${difference}`);
      }
    }

    if (summaryCell !== definition.summary) {
      problems.push(`${label} has summary "${summaryCell}"; the catalogue has "${definition.summary}"`);
    }
  }

  assertNoProblems(problems);
});

test('docs list messages in catalogue order', () => {
  const documentedOrder = tablesWithHeader(MESSAGE_HEADER)
    .flatMap((table) => table.rows)
    .map((row) => codeSpan(row.cells[0]))
    .filter((name) => name !== undefined && Object.hasOwn(messages, name));
  const catalogueOrder = Object.keys(messages).filter((name) => documentedOrder.includes(name));

  assert.deepEqual(documentedOrder, catalogueOrder, `${DOCS_PATH} lists messages in a different order from the catalogue`);
});

test('docs give each message family its own table', () => {
  const problems: string[] = [];
  const seenFamilies = new Map<number, number>();

  for (const table of tablesWithHeader(MESSAGE_HEADER)) {
    const families = new Set<number>();
    for (const row of table.rows) {
      const name = codeSpan(row.cells[0]);
      if (name !== undefined && Object.hasOwn(messages, name)) {
        families.add(familyOf((messages as Record<string, MessageDefinition>)[name].opcode));
      }
    }

    const label = `${DOCS_PATH} line ${table.line} (under "${table.heading}")`;
    const familyNames = [...families].map((family) => `0x${family.toString(16).padStart(2, '0')}`);
    if (families.size !== 1) {
      problems.push(`${label}: a message table must hold one family, but it holds ${listText(familyNames)}`);
      continue;
    }

    const [family] = families;
    const headingFamily = /family (0x[0-9a-fA-F]{2})/.exec(table.heading)?.[1];
    if (headingFamily === undefined || Number.parseInt(headingFamily.slice(2), 16) !== family) {
      problems.push(`${label}: the heading must name its family as "(family ${familyNames[0]})"`);
    }
    if (seenFamilies.has(family)) {
      problems.push(`${label}: family ${familyNames[0]} already has a table at line ${seenFamilies.get(family)}`);
    }
    seenFamilies.set(family, table.line);
  }

  assertNoProblems(problems);
});

/** Collects every struct reachable from the catalogue's messages, by name. */
function catalogueStructs(problems: string[]): Map<string, StructField> {
  const structs = new Map<string, StructField>();

  const visit = (field: FieldType, path: string): void => {
    if (field.kind === 'list') {
      visit(field.item, path);
    } else if (field.kind === 'struct') {
      const known = structs.get(field.name);
      if (known !== undefined && describeFields(known.fields).join(', ') !== describeFields(field.fields).join(', ')) {
        problems.push(`the catalogue has two different structs named ${field.name} (one at ${path})`);
      }
      structs.set(field.name, field);
      for (const [name, inner] of Object.entries(field.fields as FieldMap)) {
        visit(inner, `${path}.${name}`);
      }
    }
  };

  for (const definition of Object.values(messages) as MessageDefinition[]) {
    for (const [name, field] of Object.entries(definition.fields as FieldMap)) {
      visit(field, `${definition.name}.${name}`);
    }
  }
  return structs;
}

test('docs list every struct as in the catalogue', () => {
  const problems: string[] = [];
  const structs = catalogueStructs(problems);
  const documented = new Map<string, { table: Table; row: TableRow }>();

  for (const table of tablesWithHeader(STRUCT_HEADER)) {
    const name = /`([^`]+)`/.exec(table.heading)?.[1];
    if (name === undefined) {
      problems.push(`${DOCS_PATH} line ${table.line}: a struct table needs a heading with the struct name as a code span, got "${table.heading}"`);
      continue;
    }
    if (documented.has(name)) {
      problems.push(`${DOCS_PATH} line ${table.line}: struct ${name} has a second table`);
      continue;
    }
    documented.set(name, { table, row: { line: table.line, cells: [] } });
  }

  compareNames(
    problems,
    'struct',
    structs.keys(),
    new Map([...documented].map(([name, entry]) => [name, entry.row])),
  );

  for (const [name, struct] of structs) {
    const entry = documented.get(name);
    if (entry === undefined) {
      continue;
    }

    const documentedFields: string[] = [];
    for (const row of entry.table.rows) {
      const fieldName = codeSpan(row.cells[0] ?? '');
      const fieldType = codeSpan(row.cells[1] ?? '');
      if (fieldName === undefined || fieldType === undefined) {
        problems.push(`${where(row)}: struct field and type must each be one code span, got "${row.cells[0]}" and "${row.cells[1]}"`);
        continue;
      }
      documentedFields.push(`${fieldName}: ${fieldType}`);
    }

    for (const difference of fieldDifferences(documentedFields, describeFields(struct.fields))) {
      problems.push(`${DOCS_PATH} line ${entry.table.line}: struct ${name}: ${difference}`);
    }
  }

  assertNoProblems(problems);
});

/** Compares a `| Name | Value | Meaning |` table with expected values, matched by the code span in the first column. */
function compareValueTable(problems: string[], kind: string, header: readonly string[], expected: Map<string, string>): void {
  const documented = rowsByName(problems, kind, tablesWithHeader(header).flatMap((table) => table.rows));
  compareNames(problems, kind, expected.keys(), documented);

  for (const [name, value] of expected) {
    const row = documented.get(name);
    if (row !== undefined && codeSpan(row.cells[1] ?? '') !== value) {
      problems.push(`${where(row)}: ${kind} ${name} has value "${row.cells[1]}"; the catalogue has \`${value}\``);
    }
  }
}

test('docs list every frame constant with its value', () => {
  const problems: string[] = [];
  const constants = new Map(
    Object.entries(limits)
      .filter(([, value]) => typeof value === 'number')
      .map(([name, value]) => [name, String(value)]),
  );
  compareValueTable(problems, 'constant', CONSTANT_HEADER, constants);
  assertNoProblems(problems);
});

test('docs list every domain rule with its value', () => {
  const problems: string[] = [];
  const rules = new Map(Object.entries(limits.rules).map(([name, value]) => [`rules.${name}`, String(value)]));
  compareValueTable(problems, 'rule', RULE_HEADER, rules);
  assertNoProblems(problems);
});

test('docs list every enumeration value', () => {
  const problems: string[] = [];
  const enumerations: Record<string, Record<string, number>> = { navigatorViews, roomAccess, chatKinds, postures };

  const expected = new Set<string>();
  for (const [enumeration, values] of Object.entries(enumerations)) {
    for (const [name, value] of Object.entries(values)) {
      expected.add(`${enumeration} ${value} ${name}`);
    }
  }

  const documented = new Map<string, TableRow>();
  for (const row of tablesWithHeader(ENUMERATION_HEADER).flatMap((table) => table.rows)) {
    const cells = row.cells.map((cell) => codeSpan(cell));
    if (cells.length !== 3 || cells.some((cell) => cell === undefined)) {
      problems.push(`${where(row)}: enumeration, value and name must each be one code span`);
      continue;
    }
    documented.set(cells.join(' '), row);
  }

  compareNames(problems, 'enumeration value', expected, documented);
  assertNoProblems(problems);
});

test('docs list every error code with its close code and retry', () => {
  const problems: string[] = [];
  const documented = rowsByName(problems, 'error code', tablesWithHeader(ERROR_HEADER).flatMap((table) => table.rows));
  compareNames(problems, 'error code', Object.keys(errorCatalogue), documented);

  for (const [code, spec] of Object.entries(errorCatalogue) as [string, (typeof errorCatalogue)[keyof typeof errorCatalogue]][]) {
    const row = documented.get(code);
    if (row === undefined) {
      continue;
    }
    const [, messageCell, closesCell, retryCell] = row.cells;
    const label = `${where(row)}: error code ${code}`;

    if (messageCell !== spec.message) {
      problems.push(`${label} has message "${messageCell}"; the catalogue has "${spec.message}"`);
    }

    const closeReason = 'close' in spec ? spec.close : undefined;
    const expectedCloses = closeReason === undefined ? 'no' : String(closeCodes[closeReason].code);
    if (closesCell !== expectedCloses) {
      const reason = closeReason === undefined ? 'does not close the connection' : `closes with ${closeReason}`;
      problems.push(`${label} has Closes "${closesCell}"; expected "${expectedCloses}" because the catalogue entry ${reason}`);
    }

    const expectedRetry = spec.retry ? 'yes' : 'no';
    if (retryCell !== expectedRetry) {
      problems.push(`${label} has Retry "${retryCell}"; the catalogue has retry ${spec.retry}, written "${expectedRetry}"`);
    }
  }

  assertNoProblems(problems);
});

test('docs list every close code', () => {
  const problems: string[] = [];
  const documented = rowsByName(problems, 'close code', tablesWithHeader(CLOSE_CODE_HEADER).flatMap((table) => table.rows), 1);
  compareNames(problems, 'close code', Object.keys(closeCodes), documented);

  for (const [name, spec] of Object.entries(closeCodes)) {
    const row = documented.get(name);
    if (row === undefined) {
      continue;
    }
    const [codeCell, , meaningCell] = row.cells;
    if (codeCell !== String(spec.code)) {
      problems.push(`${where(row)}: close code ${name} has code "${codeCell}"; the catalogue has ${spec.code}`);
    }
    if (meaningCell !== spec.meaning) {
      problems.push(`${where(row)}: close code ${name} has meaning "${meaningCell}"; the catalogue has "${spec.meaning}"`);
    }
  }

  assertNoProblems(problems);
});
