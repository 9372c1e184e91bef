// Vocabulary classes by name, for rule selectors ({ "vocabulary": "deploy" }).
// The word lists themselves live with the rest of the vocabulary; this only
// resolves a class name to a test over a message. Unknown names resolve to
// undefined so the rule loader can report them against the rule file's line.

import { DEATH, DEPLOY, KILL, OOM_KILLER, SHUTDOWN, COMPLETED } from '../helpers.ts';

const CLASSES: Record<string, RegExp> = {
  deploy: DEPLOY,
  exit: DEATH,
  kill: KILL,
  oom: OOM_KILLER,
  shutdown: SHUTDOWN,
  completed: COMPLETED,
};

export function vocabularyTest(name: string): ((text: string) => boolean) | undefined {
  const re = CLASSES[name];
  return re ? (text) => re.test(text) : undefined;
}

export function vocabularyClassNames(): string[] {
  return Object.keys(CLASSES).sort();
}
