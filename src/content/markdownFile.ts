import type { ContentFault } from './types';
import { LocatedYaml, parseLocatedYaml } from './yamlFile';

/** A Markdown file with a YAML header between two `---` lines. */
export interface FrontMatterFile {
  header: LocatedYaml;
  body: string;
  /** File line on which the body starts. */
  bodyLine: number;
}

export function parseFrontMatterFile(file: string, text: string): { parsed?: FrontMatterFile; faults: ContentFault[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return { faults: [{ file, line: 1, message: 'the file must start with a line of three dashes (---) opening the header' }] };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) return { faults: [{ file, line: 1, message: 'the header is not closed: add a line of three dashes (---) after it' }] };
  const header = parseLocatedYaml(file, lines.slice(1, end).join('\n'), 2);
  return { parsed: { header, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 }, faults: [] };
}

/** Splits a body into its `## Heading` sections; returns each with the line it starts on. */
export function splitSections(body: string, bodyLine: number): Map<string, { text: string; line: number }> {
  const sections = new Map<string, { text: string; line: number }>();
  let current: { name: string; lines: string[]; line: number } | undefined;
  body.split('\n').forEach((line, i) => {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading) {
      if (current) sections.set(current.name, { text: current.lines.join('\n').trim(), line: current.line });
      current = { name: heading[1].toLowerCase(), lines: [], line: bodyLine + i };
    } else if (current) {
      current.lines.push(line);
    }
  });
  if (current) sections.set(current.name, { text: current.lines.join('\n').trim(), line: current.line });
  return sections;
}
