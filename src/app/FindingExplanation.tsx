// The open finding's explanation, in the order a responder reads it: what the
// logs show (measured, citing lines), the mechanisms ranked by the evidence
// present with what supports and argues against each and the check that
// would settle it, then what-if figures labelled as such. Findings that carry
// only text (from a share link) show their detail line by line. All text is
// log-derived and rendered as text nodes, never as HTML.

import type { Fact, Finding, Hypothesis } from '../engine/rules/types.ts';

const STANDING: Record<Hypothesis['likelihood'], string> = {
  likely: 'likely',
  possible: 'possible',
  open: 'open: the logs cannot tell',
  unlikely: 'unlikely',
};

/** Detail lines the structured parts do not already show (the rule's "check next", notes). */
function otherLines(f: Finding): string[] {
  const shown = new Set((f.facts ?? []).map((x) => x.text));
  return f.detail.split('\n').filter((l) => l.trim() && !shown.has(l) && !/^\d+\. \[/.test(l) && !/^What could explain it/.test(l) && !(f.whatIf ?? []).includes(l));
}

function Facts({ facts }: { facts: readonly Fact[] }) {
  return (
    <ul className="xp-facts">
      {facts.map((x, i) => <li key={i}>{x.text}</li>)}
    </ul>
  );
}

function HypothesisItem({ h }: { h: Hypothesis }) {
  return (
    <li className="xp-hypothesis" data-likelihood={h.likelihood}>
      <span className={`xp-standing xp-standing--${h.likelihood}`}>{STANDING[h.likelihood]}</span> {h.statement}
      {h.supports.length > 0 && <div className="xp-evidence"><span className="xp-label">Supports:</span> {h.supports.map((s) => s.text).join(' ')}</div>}
      {h.against.length > 0 && <div className="xp-evidence"><span className="xp-label">Against:</span> {h.against.map((s) => s.text).join(' ')}</div>}
      <div className="xp-evidence"><span className="xp-label">Check:</span> {h.check}</div>
    </li>
  );
}

export function FindingExplanation({ finding: f }: { finding: Finding }) {
  const structured = (f.facts?.length ?? 0) + (f.hypotheses?.length ?? 0) > 0;
  if (!structured) {
    return <div className="finding-explanation xp-text">{f.detail.split('\n').map((l, i) => <p key={i}>{l}</p>)}</div>;
  }
  const rest = otherLines(f);
  return (
    <div className="finding-explanation">
      {f.facts && f.facts.length > 0 && (<><h3 className="xp-head">What the logs show</h3><Facts facts={f.facts} /></>)}
      {f.hypotheses && f.hypotheses.length > 0 && (
        <>
          <h3 className="xp-head">Mechanisms to suspect, ranked by the evidence present</h3>
          <ol className="xp-hypotheses">{f.hypotheses.map((h) => <HypothesisItem key={h.id} h={h} />)}</ol>
        </>
      )}
      {f.whatIf && f.whatIf.length > 0 && (
        <>
          <h3 className="xp-head">What-if figures (assumed, not measured)</h3>
          <ul className="xp-whatif">{f.whatIf.map((w, i) => <li key={i}>{w}</li>)}</ul>
        </>
      )}
      {rest.length > 0 && <div className="xp-text">{rest.map((l, i) => <p key={i}>{l}</p>)}</div>}
    </div>
  );
}
