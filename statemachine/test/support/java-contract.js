'use strict';

// The JSON contract as the Java sources define it, read from the sources themselves so that the mocks and the
// payloads the definition builds cannot drift from the records: field names are the record component names (or
// their @JsonProperty), every field is written (Include.ALWAYS) unless its component says
// @JsonInclude(Include.NON_NULL), input is read strictly (unknown fields and nulls for primitives are rejected,
// nothing is coerced), dates are ISO-8601 instants. Only top-level records are JSON types: a record nested in a
// class is a helper of that class (and may share its simple name with a JSON type, e.g. RoleChecker.Failure).

const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SOURCES = path.join(REPO, 'functions');
const ERRORS_DIR = path.join(REPO, 'functions', 'core', 'src', 'main', 'java', 'dev', 'offboarding', 'errors');
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

function javaFiles(dir) {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'test' || entry.name === 'target' ? [] : javaFiles(full);
    }
    return entry.name.endsWith('.java') ? [full] : [];
  });
}

/** Splits at commas that are not inside (), <> or "". */
function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && (ch === '(' || ch === '<')) {
      depth++;
    } else if (!quoted && (ch === ')' || ch === '>')) {
      depth--;
    } else if (!quoted && depth === 0 && ch === ',') {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) {
    parts.push(current);
  }
  return parts.map((p) => p.trim());
}

function closingParen(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') {
      depth++;
    } else if (text[i] === ')' && --depth === 0) {
      return i;
    }
  }
  throw new Error('unbalanced parentheses');
}

/** Removes // and /* *\/ comments, leaving string and char literals alone. */
function stripComments(source) {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== ch) {
        j += source[j] === '\\' ? 2 : 1;
      }
      out += source.slice(i, j + 1);
      i = j;
    } else if (ch === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') {
        i++;
      }
      out += '\n';
    } else if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 1;
      out += ' ';
    } else {
      out += ch;
    }
  }
  return out;
}

function parseComponent(text) {
  const property = /@JsonProperty\(\s*(?:value\s*=\s*)?"([^"]+)"/.exec(text);
  const nullsAsEmpty = /@JsonSetter\([^)]*nulls\s*=\s*Nulls\.AS_EMPTY/.test(text);
  const omittedWhenNull = /@JsonInclude\([^)]*NON_NULL/.test(text);
  const bare = text.replace(/@\w+(\s*\([^)]*\))?/g, '').trim();
  const m = /^(.*\S)\s+(\w+)$/s.exec(bare);
  if (!m) {
    throw new Error(`cannot read record component "${text}"`);
  }
  return { name: property ? property[1] : m[2], javaName: m[2], type: m[1].replace(/\s+/g, ''), nullsAsEmpty,
    omittedWhenNull };
}

function parseSource(text) {
  const source = stripComments(text);
  const records = {};
  const enums = {};
  for (const m of source.matchAll(/^(?:public\s+|final\s+)*record\s+(\w+)\s*\(/gm)) {
    const open = m.index + m[0].length - 1;
    const components = splitTopLevel(source.slice(open + 1, closingParen(source, open))).map(parseComponent);
    const ignored = /@JsonIgnoreProperties\(\s*value\s*=\s*"(\w+)"\s*,\s*allowGetters\s*=\s*true/.exec(source);
    const outputOnly = [...source.matchAll(/@JsonProperty\("(\w+)"\)\s*public\s+([\w<>]+)\s+\w+\(\)/g)]
      .map((g) => ({ name: g[1], type: g[2] }));
    records[m[1]] = { components, outputOnly, ignoredOnInput: ignored ? [ignored[1]] : [] };
  }
  for (const m of source.matchAll(/\benum\s+(\w+)\s*\{([^;}]*)/g)) {
    enums[m[1]] = m[2].replace(/\/\*[\s\S]*?\*\//g, '').replace(/\([^)]*\)/g, '').split(',')
      .map((c) => c.trim()).filter((c) => /^[A-Z_]+$/.test(c));
  }
  return { records, enums };
}

let cached;

/** Every record and enum declared in the Lambdas' main sources, by simple name. */
function contract() {
  if (!cached) {
    cached = { records: {}, enums: {} };
    for (const file of javaFiles(SOURCES)) {
      const { records, enums } = parseSource(fs.readFileSync(file, 'utf8'));
      Object.assign(cached.records, records);
      Object.assign(cached.enums, enums);
    }
  }
  return cached;
}

const PRIMITIVES = { boolean: 'boolean', int: 'integer', long: 'integer' };
const BOXED = { Boolean: 'boolean', Integer: 'integer', Long: 'integer', String: 'string', Instant: 'instant' };

function checkScalar(kind, value) {
  switch (kind) {
    case 'boolean': return typeof value === 'boolean';
    case 'integer': return Number.isInteger(value);
    case 'string': return typeof value === 'string';
    case 'instant': return typeof value === 'string' && INSTANT.test(value);
    default: return false;
  }
}

/**
 * Problems with a JSON value as the Java type `type`. mode "output": as the Java side writes it (every field
 * present, output-only fields too); mode "input": as the Java side reads it (fields may be absent, unknown ones
 * are rejected, a primitive may not be null).
 */
function problems(value, type, mode, where = '$') {
  const { records, enums } = contract();
  const list = /^List<(\w+)>$/.exec(type);
  if (type === 'JsonNode') {
    return []; // any JSON value, read as a tree
  }
  if (PRIMITIVES[type]) {
    return checkScalar(PRIMITIVES[type], value) ? [] : [`${where}: ${JSON.stringify(value)} is not a ${type}`];
  }
  if (value === null) {
    return [];
  }
  if (BOXED[type]) {
    return checkScalar(BOXED[type], value) ? [] : [`${where}: ${JSON.stringify(value)} is not a ${type}`];
  }
  if (list) {
    if (!Array.isArray(value)) {
      return [`${where}: expected an array of ${list[1]}`];
    }
    return value.flatMap((item, i) => problems(item, list[1], mode, `${where}[${i}]`));
  }
  if (enums[type]) {
    return enums[type].includes(value) ? [] : [`${where}: ${JSON.stringify(value)} is not one of ${type} ${enums[type].join(', ')}`];
  }
  const record = records[type];
  if (!record) {
    return [`${where}: no record, enum or known type named ${type} in the Java sources`];
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return [`${where}: expected a JSON object (${type})`];
  }
  const fields = new Map(record.components.map((c) => [c.name, c.type]));
  const nullable = new Set(record.components.filter((c) => c.nullsAsEmpty).map((c) => c.name));
  const omittedWhenNull = new Set(record.components.filter((c) => c.omittedWhenNull).map((c) => c.name));
  const found = [];
  if (mode === 'output') {
    record.outputOnly.forEach((f) => fields.set(f.name, f.type));
    for (const name of fields.keys()) {
      if (omittedWhenNull.has(name)) {
        if (value[name] === null) {
          found.push(`${where}.${name}: null (the Java side leaves it out instead)`);
        }
      } else if (!Object.hasOwn(value, name)) {
        found.push(`${where}.${name}: missing (the Java side always writes it)`);
      }
    }
  }
  for (const [name, fieldValue] of Object.entries(value)) {
    if (fields.has(name)) {
      if (!(mode === 'input' && fieldValue === null && nullable.has(name))) {
        found.push(...problems(fieldValue, fields.get(name), mode, `${where}.${name}`));
      }
    } else if (!(mode === 'input' && record.ignoredOnInput.includes(name))) {
      found.push(`${where}.${name}: unknown field for ${type}`);
    }
  }
  return found;
}

/** The simple names of the exception classes in dev.offboarding.errors, from their source files. */
function errorClasses() {
  return fs.readdirSync(ERRORS_DIR).filter((f) => f.endsWith('.java')).map((f) => f.slice(0, -'.java'.length));
}

module.exports = { REPO, ERRORS_DIR, contract, problems, errorClasses, parseSource };
