'use strict';

const fs = require('node:fs');

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

/** The names of the ${Name} placeholders in a definition text, each once, in order of appearance. */
function placeholders(text) {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Replaces every ${Name} in a definition text the way DefinitionSubstitutions does (plain text replacement).
 * Fails on a placeholder without a value and on a value that would break the JSON string it lands in.
 */
function substitute(text, values) {
  const missing = placeholders(text).filter((name) => values[name] === undefined || values[name] === null);
  if (missing.length > 0) {
    throw new Error(`no value for the definition substitution(s) ${missing.join(', ')}`);
  }
  return text.replace(PLACEHOLDER, (_, name) => {
    const value = String(values[name]);
    if (/["\\\u0000-\u001f]/.test(value)) {
      throw new Error(`substitution ${name} contains a quote, a backslash or a control character: ${JSON.stringify(value)}`);
    }
    return value;
  });
}

/** Reads a definition file, substitutes its placeholders and parses it. */
function loadDefinition(file, values) {
  return JSON.parse(substitute(fs.readFileSync(file, 'utf8'), values));
}

module.exports = { placeholders, substitute, loadDefinition };
