// The Connect dialog's state: what the form holds and how far a pull got.
// A store of its own, apart from the app's, so that the one place holding a
// password is small enough to check at a glance: the password lives in
// `form` in memory only (no persist middleware, nothing copied to the URL,
// storage, share links or exports) and is gone when the page closes. The
// density counts are kept here too: a few thousand buckets, not the table.

import { create } from 'zustand';
import type { Density } from '../../engine/sources/clickhouse/pull.ts';
import { OTEL_MAPPING, encodeMapping } from '../../engine/sources/clickhouse/schema.ts';

export interface ConnectForm {
  url: string;
  user: string;
  password: string;
  database: string;
  table: string;
  from: string;
  to: string;
  /** Comma-separated services; empty: all of them. */
  services: string;
  /** The column mapping as encodeMapping writes it (otel_logs' own by default). */
  mapping: string;
}

export type PullPhase = 'idle' | 'density' | 'events' | 'raw';

export interface PulledWindow {
  fromMs: number;
  toMs: number;
  table: string;
  /** Rows the server counted in the window, and rows it sent. */
  windowRows: number;
  rowsFetched: number;
  truncated: boolean;
  /** A zoomed range whose raw lines are loaded, if any. */
  raw: [number, number] | null;
}

export interface ConnectState {
  open: boolean;
  form: ConnectForm;
  phase: PullPhase;
  /** The server's (or the form's) error, exactly as written; shown as text. */
  error: string | null;
  density: Density | null;
  pulled: PulledWindow | null;
  setOpen(open: boolean): void;
  setForm(patch: Partial<ConnectForm>): void;
  setPhase(phase: PullPhase): void;
  setError(error: string | null): void;
  setDensity(density: Density | null): void;
  setPulled(pulled: PulledWindow | null): void;
  /** Files replaced the pulled window: its counts no longer describe what is on screen. */
  forgetPull(): void;
}

export const DEFAULT_FORM: ConnectForm = {
  url: 'http://127.0.0.1:8123/',
  user: 'default',
  password: '',
  database: '',
  table: 'otel_logs',
  from: '',
  to: '',
  services: '',
  mapping: encodeMapping(OTEL_MAPPING),
};

export const useConnect = create<ConnectState>()((set) => ({
  open: false,
  form: DEFAULT_FORM,
  phase: 'idle',
  error: null,
  density: null,
  pulled: null,
  setOpen: (open) => set({ open }),
  setForm: (patch) => set((s) => ({ form: { ...s.form, ...patch } })),
  setPhase: (phase) => set({ phase }),
  setError: (error) => set({ error }),
  setDensity: (density) => set({ density }),
  setPulled: (pulled) => set({ pulled }),
  forgetPull: () => set({ density: null, pulled: null, phase: 'idle' }),
}));
