'use strict';

// The functions' JSON contract, as the JSON Schemas in schemas/ state it (the Java build checks each schema against
// its record and each example in events/ against its schema): every mocked Lambda response, every payload the
// definition builds and every execution output is validated against them here; contract() names the records they
// describe, with their fields, for the definition's own field lists.

const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const Ajv2020 = require('ajv/dist/2020');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SCHEMAS_DIR = path.join(REPO, 'schemas');
const ERRORS_DIR = path.join(REPO, 'functions', 'core', 'src', 'main', 'java', 'dev', 'offboarding', 'errors');
const SUFFIX = '.schema.json';

function jsonFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return jsonFiles(full);
    }
    return entry.name.endsWith('.json') ? [full] : [];
  });
}

/**
 * Every schema file, each under its file URL so that a relative $ref ("definitions/instant.json") resolves as it
 * does for any other tool reading schemas/.
 */
function createValidator(dir = SCHEMAS_DIR) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  for (const file of jsonFiles(dir)) {
    ajv.addSchema(JSON.parse(fs.readFileSync(file, 'utf8')), pathToFileURL(file).href);
  }
  return ajv;
}

let cached;

/** The names of the top-level schemas: schemas/<name>.schema.json, e.g. "list-tokens.input", "audit-record". */
function schemaNames(dir = SCHEMAS_DIR) {
  return fs.readdirSync(dir).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)).sort();
}

/**
 * Problems with a JSON value as schemas/<schema>.schema.json states it, one line per problem (empty when it is
 * valid). `schema` is a function's "<function>.input" or "<function>.output", or a workflow's "offboarding-request",
 * "wait-for-role-request", "audit-record"; or a part of a shared definition, "definitions/<file>.json#<pointer>"
 * (e.g. "definitions/announcement.json#/$defs/detail").
 */
function problems(value, schema) {
  cached ??= createValidator();
  const [file, pointer] = schema.startsWith('definitions/')
    ? [path.join(SCHEMAS_DIR, schema.split('#')[0]), schema.includes('#') ? `#${schema.split('#')[1]}` : '']
    : [path.join(SCHEMAS_DIR, `${schema}${SUFFIX}`), ''];
  const validate = fs.existsSync(file) ? cached.getSchema(`${pathToFileURL(file).href}${pointer}`) : undefined;
  if (!validate) {
    return [`no schema ${schema}: expected ${path.relative(REPO, file)}${pointer}`];
  }
  if (validate(value)) {
    return [];
  }
  return validate.errors.map((e) => `${schema} ${e.instancePath || '/'}: ${e.message}`
    + (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''));
}

let records;

/**
 * The records the schemas describe, by title (the Java record's simple name), each with its fields in the order the
 * schema lists them: the Java build checks each schema's fields, and their order, against its record
 * (EverySchemaMatchesItsRecordTest). A definition with views ($defs read, written, ...) is described by its written
 * view, or else its first; a title that only points elsewhere ($ref), or that is one of several records (oneOf: a
 * sealed interface's records, each with its own title), adds nothing.
 */
function contract(dir = SCHEMAS_DIR) {
  if (!records) {
    const found = {};
    const visit = (node, where) => {
      if (!node || typeof node !== 'object') {
        return;
      }
      const views = node.$defs ? Object.values(node.$defs).filter((v) => v && v.properties) : [];
      const fields = node.oneOf && !node.properties ? null : node.properties ?? (node.$defs?.written ?? views[0])?.properties;
      if (node.title && fields) {
        const names = Object.keys(fields);
        if (found[node.title] && JSON.stringify(found[node.title].names) !== JSON.stringify(names)) {
          throw new Error(`${where}: ${node.title} has the fields ${names}, elsewhere ${found[node.title].names}`);
        }
        found[node.title] = { names, where };
      }
      for (const [name, def] of Object.entries(node.$defs ?? {})) {
        visit(def, `${where}#/$defs/${name}`);
      }
    };
    for (const file of jsonFiles(dir)) {
      visit(JSON.parse(fs.readFileSync(file, 'utf8')), path.relative(dir, file));
    }
    records = Object.fromEntries(Object.entries(found)
      .map(([title, { names }]) => [title, { components: names.map((name) => ({ name })) }]));
  }
  return { records };
}

/** The simple names of the exception classes in dev.offboarding.errors, from their source files. */
function errorClasses() {
  return fs.readdirSync(ERRORS_DIR).filter((f) => f.endsWith('.java')).map((f) => f.slice(0, -'.java'.length));
}

module.exports = { REPO, SCHEMAS_DIR, ERRORS_DIR, problems, schemaNames, createValidator, contract, errorClasses };
