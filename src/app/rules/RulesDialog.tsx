// The Rules dialog (header button, or U): the user's own rule files, each with
// what its rules find in the loaded logs; an editor to paste or open one with
// its problems shown against their lines and a live preview; and Apply, which
// analyses the loaded files again with the rules so their findings appear
// (marked as the user's). Files that came with a share link are marked and
// can be kept (saved) or removed. A rule is data: nothing in it runs as code.

import { getDataset } from '../../store/dataset.ts';
import { useStore } from '../../store/store.ts';
import { checkRuleText, rulesKey, specsOf } from '../../store/rule-files.ts';
import { activeRuleSpecs } from '../../store/rules-slice.ts';
import { Dialog } from '../Dialog.tsx';
import { applyRules } from '../load/loader.ts';
import { ApplyBar, type ApplyTexts } from '../ApplyBar.tsx';
import { RuleForm } from './RuleForm.tsx';
import { RulePreviewView } from './RulePreviewView.tsx';
import { useRulesPreview } from './use-rules-preview.ts';
import '../vocabulary/vocabulary.css';
import './rules.css';

function FileList() {
  const files = useStore((s) => s.ruleFiles);
  const dataVersion = useStore((s) => s.dataVersion);
  const st = useStore.getState;
  const specs = specsOf(files);
  const { previews, busy } = useRulesPreview(specs, dataVersion);
  if (files.length === 0) {
    return <p className="empty-note vocab-empty">No rule files of your own yet. Add one below to name an incident your logs show that the built-in rules do not.</p>;
  }
  return (
    <ol className="vocab-entries" aria-label="Your rule files">
      {files.map((f, i) => {
        const rules = checkRuleText(f.text).rules;
        return (
          <li key={f.name} className="vocab-entry rule-file" data-origin={f.origin} data-name={f.name}>
            <div className="vocab-entry-head">
              <code className="vocab-pattern rule-file-name">{f.name}</code>
              <span className="muted small">{rules.map((r) => r.id).join(', ')}</span>
              {f.origin === 'link' && <span className="chip" title="Came with the share link you opened; not saved in this browser">from the link</span>}
              <div className="spacer" />
              {f.origin === 'link' && <button type="button" className="btn btn-small" onClick={() => st().keepRuleFile(i)} title="Save this rule file in this browser">Keep</button>}
              <button type="button" className="btn btn-small" onClick={() => st().removeRuleFile(i)} aria-label={`Remove rule file ${f.name.slice(0, 80)}`}>Remove</button>
            </div>
            {rules.map((r) => {
              const k = specs.findIndex((s) => s.id === r.id && s === r);
              return k < 0 ? (
                <p key={r.id} className="muted rule-preview">Not run: another file already defines <code>{r.id}</code>.</p>
              ) : (
                <RulePreviewView key={r.id} preview={previews?.[k] ?? null} busy={busy} loaded={dataVersion > 0} />
              );
            })}
          </li>
        );
      })}
    </ol>
  );
}

const RULES_APPLY: ApplyTexts = {
  loading: 'Analysing the files again…',
  empty: 'Your rules run on the logs you load next.',
  current: 'The findings on screen were made with these rules.',
  shared: 'This incident came from a share link, analysed by its sender. Your rules run on the files you load.',
  pending: 'Changed since the logs were analysed: apply to update the findings.',
};

async function apply(): Promise<string> {
  const ok = await applyRules();
  const mine = getDataset().findings.filter((f) => f.userRule).length;
  return ok && useStore.getState().status === 'ready' ? `Applied: ${mine} finding${mine === 1 ? '' : 's'} from your rules now.` : '';
}

function RulesApply() {
  const ruleFiles = useStore((s) => s.ruleFiles);
  const applied = useStore((s) => s.rulesApplied);
  return <ApplyBar current={rulesKey(activeRuleSpecs({ ruleFiles })) === applied} texts={RULES_APPLY} onApply={apply} />;
}

export function RulesDialog() {
  const open = useStore((s) => s.rulesOpen);
  const dataVersion = useStore((s) => s.dataVersion);
  const st = useStore.getState;
  return (
    <Dialog open={open} onClose={() => st().setRulesOpen(false)} title="Rules" className="dialog-vocab dialog-rules">
      <div className="vocab-body">
        <p className="muted vocab-intro">
          A rule file names an incident as data: a detector (series, follows, recurs, burst, overlaps or absence), which lines it looks at, how the finding reads,
          and small logs it must fire on (and stay quiet on). Your rules run beside the built-in ones (one with a built-in id replaces it),
          are saved in this browser and travel with share links. Nothing in a rule runs as code.
        </p>
        <FileList />
        <RuleForm dataVersion={dataVersion} onAdd={(name, text) => st().addRuleFile(name, text)} />
        <RulesApply />
      </div>
    </Dialog>
  );
}
