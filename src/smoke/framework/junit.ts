/**
 * A report as JUnit XML (the shape CI systems read: testsuites > testsuite > testcase, with
 * failure / skipped children). Every check appears, selected or not, so the file lists them all.
 */
import type { Report } from './check.js';

export interface JUnitOptions {
  /** The suite's name, e.g. "multusctl smoke". */
  suite: string;
  /** The testcase classname, e.g. "multusctl.smoke". */
  classname: string;
  /** When the run started (ISO 8601 in the file). */
  timestamp: Date;
  /** Extra suite properties (cluster context, namespace, NADs). */
  properties?: Record<string, string>;
}

export function toJUnitXml(report: Report, options: JUnitOptions): string {
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const tests = report.results.length;
  const suiteAttrs = `name="${escapeXml(options.suite)}" tests="${tests}" failures="${report.failed}" errors="0" skipped="${report.skipped}" time="${seconds(report.durationMs)}"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites ${suiteAttrs}>`];
  lines.push(`  <testsuite ${suiteAttrs} timestamp="${options.timestamp.toISOString().replace(/\.\d+Z$/, '')}">`);
  const properties = Object.entries(options.properties ?? {});
  if (properties.length > 0) {
    lines.push('    <properties>');
    for (const [name, value] of properties) lines.push(`      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`);
    lines.push('    </properties>');
  }
  for (const result of report.results) {
    const open = `    <testcase name="${escapeXml(result.id)}" classname="${escapeXml(options.classname)}" time="${seconds(result.durationMs)}"`;
    if (result.status === 'passed') {
      lines.push(`${open}/>`);
      continue;
    }
    lines.push(`${open}>`);
    const first = result.messages[0] ?? result.status;
    if (result.status === 'skipped') {
      lines.push(`      <skipped message="${escapeXml(first)}"/>`);
    } else {
      const body = [...result.messages, ...(result.log.length > 0 ? ['', 'log:', ...result.log] : [])].join('\n');
      lines.push(`      <failure message="${escapeXml(first)}" type="CheckFailed">${escapeXml(body, false)}</failure>`);
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/**
 * Escapes text for an XML attribute or element. Characters XML 1.0 cannot carry at all (most
 * control characters, lone surrogates, U+FFFE/U+FFFF) are replaced with U+FFFD rather than
 * producing a file no parser accepts. In attributes, newlines and tabs become character references
 * (a parser would fold them into spaces otherwise); element text keeps them as they are.
 */
export function escapeXml(text: string, attribute = true): string {
  let out = '';
  for (const ch of sanitizeXmlChars(text)) {
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      case '\n': out += attribute ? '&#10;' : ch; break;
      case '\r': out += '&#13;'; break;
      case '\t': out += attribute ? '&#9;' : ch; break;
      default: out += ch;
    }
  }
  return out;
}

/** Replaces every code point outside XML 1.0's Char production with U+FFFD. */
export function sanitizeXmlChars(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const allowed = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
    out += allowed ? ch : '\uFFFD';
  }
  return out;
}
