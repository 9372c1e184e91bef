// Types for layers.js (plain JS so the ESLint config can load it without a build step).
import type { ESLint } from 'eslint';

export declare const DEPS_ALLOWLIST: Record<string, string[]>;
export declare const PACKAGES: Record<string, string[]>;
export declare function layerOf(file: string): string | null;
export declare function importProblem(file: string, spec: string): string | null;
export declare const layersPlugin: ESLint.Plugin;
