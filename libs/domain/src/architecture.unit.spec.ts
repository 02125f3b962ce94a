/**
 * Boundaries checked, not hoped for: libs/domain is pure TypeScript. It imports nothing
 * but its own files (no NestJS, TypeORM, pg, PGlite, EventStoreDB, Node built-ins or other
 * libs), and its code reads no clock and no randomness: time and ids arrive as input.
 * This test is the one file allowed to use node: modules (to read the sources).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));
const SELF = 'architecture.unit.spec.ts';
/** Below this line this file holds the checker's own fixtures (forbidden code on purpose). */
const FIXTURES_MARKER = ['// ----', 'checker fixtures: not scanned ----'].join(' ');

const listTsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTsFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });

/** Every module specifier a source imports or re-exports, statically or dynamically. */
export const importSpecifiers = (source: string): string[] => {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
    /\brequire\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1] ?? ''));
};

const FORBIDDEN_PACKAGES = ['@nestjs', 'typeorm', 'pg', '@electric-sql', '@eventstore', 'node:'];

/** Clock, randomness and environment: not in domain code (tests may build fixtures). */
const FORBIDDEN_CALLS: readonly [RegExp, string][] = [
  [/\bnew\s+Date\s*\(/, 'new Date('],
  [/\bDate\.now\s*\(/, 'Date.now('],
  [/\bMath\.random\s*\(/, 'Math.random('],
  [/\bcrypto\./, 'crypto.'],
  [/\bperformance\.now\s*\(/, 'performance.now('],
  [/\bprocess\./, 'process.'],
  [/\brequire\s*\(/, 'require('],
];

type Kind = 'code' | 'test-support' | 'test' | 'architecture-test';

const kindOf = (file: string): Kind => {
  const rel = relative(SRC, file).split(sep).join('/');
  if (rel === SELF) return 'architecture-test';
  if (rel.endsWith('.spec.ts')) return 'test';
  if (rel.startsWith('testing/')) return 'test-support';
  return 'code';
};

/** The violations of one file (`file` is absolute, inside SRC). */
export const violationsOf = (file: string, source: string, kind: Kind = kindOf(file)): string[] => {
  const problems: string[] = [];
  for (const specifier of importSpecifiers(source)) {
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      if (target !== SRC && !target.startsWith(SRC + sep)) {
        problems.push(`imports ${specifier}, outside libs/domain/src`);
      }
      if (!specifier.endsWith('.js')) problems.push(`imports ${specifier} without the .js extension`);
      if (kind === 'code' && /\/testing\/|\.spec\.js$/.test(specifier)) {
        problems.push(`imports test code ${specifier}`);
      }
      continue;
    }
    const forbidden = FORBIDDEN_PACKAGES.find(
      (p) => specifier === p || specifier.startsWith(p.endsWith(':') ? p : `${p}/`),
    );
    if (kind === 'architecture-test' && specifier.startsWith('node:')) continue;
    if (kind !== 'code' && specifier === '@jest/globals') continue;
    problems.push(
      forbidden !== undefined
        ? `imports ${specifier} (${forbidden} is forbidden in libs/domain)`
        : `imports the package ${specifier} (libs/domain imports only its own files)`,
    );
  }
  if (kind === 'code' || kind === 'test-support') {
    for (const [pattern, name] of FORBIDDEN_CALLS) {
      if (pattern.test(source)) problems.push(`uses ${name}`);
    }
  }
  return problems;
};

describe('libs/domain architecture', () => {
  const files = listTsFiles(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.map((f) => relative(SRC, f).split(sep).join('/'))).toContain('index.ts');
  });

  it('imports only its own files, and domain code reads no clock or randomness', () => {
    const violations = files.flatMap((file) => {
      const source = readFileSync(file, 'utf8');
      const scanned = kindOf(file) === 'architecture-test' ? source.split(FIXTURES_MARKER)[0] ?? '' : source;
      return violationsOf(file, scanned).map((v) => `${relative(SRC, file)}: ${v}`);
    });
    expect(violations).toStrictEqual([]);
  });

  it('does not export the test support from the public index', () => {
    const index = readFileSync(join(SRC, 'index.ts'), 'utf8');
    expect(importSpecifiers(index).filter((s) => s.includes('testing') || s.includes('.spec'))).toStrictEqual([]);
  });

  // ---- checker fixtures: not scanned ----
  describe('the checker itself', () => {
    const code = join(SRC, 'models', 'x.ts');

    it.each([
      "import { Injectable } from '@nestjs/common';",
      "import { Entity } from 'typeorm';",
      "import pg from 'pg';",
      "import { PGlite } from '@electric-sql/pglite';",
      "import { EventStoreDBClient } from '@eventstore/db-client';",
      "import { createHash } from 'node:crypto';",
      "import fs from 'fs';",
      "import { x } from '../../event-store/src/index.js';",
      "import { x } from '#event-store';",
      "export * from '../../../apps/api/src/main.js';",
      "const m = await import('pg');",
      "import type {\n  A,\n  B,\n} from '@nestjs/cqrs';",
      "import { x } from './y';",
      "import { given } from '../testing/decider-spec.js';",
      'const now = new Date();',
      'const t = Date.now();',
      'const r = Math.random();',
      'const id = crypto.randomUUID();',
      'const env = process.env.X;',
    ])('flags %j', (source) => {
      expect(violationsOf(code, source, 'code')).not.toStrictEqual([]);
    });

    it('accepts pure code, and lets tests build dates and use @jest/globals', () => {
      expect(violationsOf(code, "import { nfc } from '../text.js';\nexport const f = nfc;", 'code')).toStrictEqual([]);
      expect(
        violationsOf(code, "import { expect } from '@jest/globals';\nconst d = new Date(0);", 'test'),
      ).toStrictEqual([]);
      expect(violationsOf(code, "import { readFileSync } from 'node:fs';", 'test')).not.toStrictEqual([]);
    });
  });
});
