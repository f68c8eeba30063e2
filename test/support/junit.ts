/**
 * Validates a JUnit file against test/support/junit.xsd with xmllint (Debian libxml2-utils), and
 * reads its testcases back with xmllint's XPath, so tests check the file a CI system would parse.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const XSD = fileURLToPath(new URL('../../../test/support/junit.xsd', import.meta.url));

export const XMLLINT_SKIP: string | false =
  spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0 ? false : 'needs xmllint (apt-get install libxml2-utils)';

/** Returns xmllint's complaint, or undefined when the file is valid. */
export function junitSchemaErrors(file: string): string | undefined {
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  return r.status === 0 ? undefined : r.stderr;
}

/** The string value of an XPath expression over the file. */
export function xpath(file: string, expression: string): string {
  const r = spawnSync('xmllint', ['--xpath', expression, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`xmllint --xpath ${expression}: ${r.stderr}`);
  // xmllint ends its answer with one newline of its own.
  return r.stdout.endsWith("\n") ? r.stdout.slice(0, -1) : r.stdout;
}
