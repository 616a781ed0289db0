import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import semver from 'semver';

/**
 * `npm run audit:deps`: lists known advisories that match the installed dependency tree, from the
 * advisory file kept in deploy/security (npm audit cannot reach its service from here). Exits 1 when
 * a matching advisory is neither fixed nor shown not to apply.
 */
interface Advisory {
  id: string;
  package: string;
  vulnerable: string;
  summary: string;
  status: 'fixed' | 'not-applicable' | 'open';
  note: string;
}

interface Tree {
  version?: string;
  dependencies?: Record<string, Tree>;
}

function installedVersions(tree: Tree, into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const [name, child] of Object.entries(tree.dependencies ?? {})) {
    if (child.version) {
      if (!into.has(name)) into.set(name, new Set());
      into.get(name)!.add(child.version);
    }
    installedVersions(child, into);
  }
  return into;
}

function main(): void {
  const { advisories } = JSON.parse(readFileSync('deploy/security/advisories.json', 'utf8')) as { advisories: Advisory[] };
  let raw: string;
  try {
    raw = execFileSync('npm', ['ls', '--all', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    // npm ls exits non-zero on peer-dependency warnings but still prints the tree.
    raw = (err as { stdout?: string }).stdout ?? '{}';
  }
  const versions = installedVersions(JSON.parse(raw) as Tree);
  let open = 0;
  for (const a of advisories) {
    const hits = [...(versions.get(a.package) ?? [])].filter((v) => semver.satisfies(v, a.vulnerable));
    const installed = [...(versions.get(a.package) ?? [])].join(', ') || 'not installed';
    const state = hits.length === 0 ? 'clear' : a.status;
    if (hits.length && a.status === 'open') open++;
    process.stdout.write(`${a.id}  ${a.package} (installed: ${installed}; vulnerable ${a.vulnerable})\n  ${state.toUpperCase()}: ${hits.length ? a.note : 'no installed version is affected'}\n`);
  }
  process.stdout.write(`\n${advisories.length} known advisories checked; ${open} open.\n`);
  if (open) process.exitCode = 1;
}

main();
