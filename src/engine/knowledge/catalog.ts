// The knowledge files, listed once. An explicit list (not import.meta.glob)
// so the same module bundles into the worker and runs in the CLI under tsx
// and in Node tests; test/knowledge/vocabulary-files.test.ts and
// signatures.test.ts fail when a file in vocabulary/ or signatures/ is missing
// here. JSON is imported as data and
// validated by the loader (load-vocabulary.ts, load-signatures.ts) before use.

import vCompleted from './vocabulary/completed.json' with { type: 'json' };
import vCrashDeath from './vocabulary/crash-death.json' with { type: 'json' };
import vCrashHeader from './vocabulary/crash-header.json' with { type: 'json' };
import vDeath from './vocabulary/death.json' with { type: 'json' };
import vDeploy from './vocabulary/deploy.json' with { type: 'json' };
import vDuration from './vocabulary/duration.json' with { type: 'json' };
import vFailureWord from './vocabulary/failure-word.json' with { type: 'json' };
import vForcedStop from './vocabulary/forced-stop.json' with { type: 'json' };
import vHealthFail from './vocabulary/health-fail.json' with { type: 'json' };
import vKill from './vocabulary/kill.json' with { type: 'json' };
import vOomKiller from './vocabulary/oom-killer.json' with { type: 'json' };
import vOpEnd from './vocabulary/op-end.json' with { type: 'json' };
import vOpFailed from './vocabulary/op-failed.json' with { type: 'json' };
import vOpNoun from './vocabulary/op-noun.json' with { type: 'json' };
import vOpStart from './vocabulary/op-start.json' with { type: 'json' };
import vRequestStatus from './vocabulary/request-status.json' with { type: 'json' };
import vRecovered from './vocabulary/recovered.json' with { type: 'json' };
import vRestartCounter from './vocabulary/restart-counter.json' with { type: 'json' };
import vRestart from './vocabulary/restart.json' with { type: 'json' };
import vRetry from './vocabulary/retry.json' with { type: 'json' };
import vRoutineError from './vocabulary/routine-error.json' with { type: 'json' };
import vStart from './vocabulary/start.json' with { type: 'json' };
import vShutdown from './vocabulary/shutdown.json' with { type: 'json' };
import vSignal from './vocabulary/signal.json' with { type: 'json' };
import vStall from './vocabulary/stall.json' with { type: 'json' };
import vTimeout from './vocabulary/timeout.json' with { type: 'json' };
import vTrouble from './vocabulary/trouble.json' with { type: 'json' };
import sStorage from './signatures/storage.json' with { type: 'json' };
import sSaturation from './signatures/saturation.json' with { type: 'json' };
import sCatalogueK8s from './signatures/catalogue-k8s.json' with { type: 'json' };
import sServices from './signatures/services.json' with { type: 'json' };
import sSignatures from './signatures/signatures.json' with { type: 'json' };
import sCatalogueErrno from './signatures/catalogue-errno.json' with { type: 'json' };
import sCatalogueSignals from './signatures/catalogue-signals.json' with { type: 'json' };
import sCatalogueRuntime from './signatures/catalogue-runtime.json' with { type: 'json' };
import sCatalogueDb from './signatures/catalogue-db.json' with { type: 'json' };
import sCatalogueKernel from './signatures/catalogue-kernel.json' with { type: 'json' };
import sCatalogueNetwork from './signatures/catalogue-network.json' with { type: 'json' };
import sCataloguePlatform from './signatures/catalogue-platform.json' with { type: 'json' };
import sCatalogueServers from './signatures/catalogue-servers.json' with { type: 'json' };
import sCatalogueTools from './signatures/catalogue-tools.json' with { type: 'json' };
import sCatalogueBrokers from './signatures/catalogue-brokers.json' with { type: 'json' };
import sGeneric from './signatures/generic.json' with { type: 'json' };
import cFamilyCues from './cues/family-cues.json' with { type: 'json' };

export interface KnowledgeFile {
  /** Path under src/engine/knowledge/, for error messages. */
  file: string;
  data: unknown;
}

export const VOCABULARY_FILES: readonly KnowledgeFile[] = [
  { file: 'vocabulary/completed.json', data: vCompleted },
  { file: 'vocabulary/crash-death.json', data: vCrashDeath },
  { file: 'vocabulary/crash-header.json', data: vCrashHeader },
  { file: 'vocabulary/death.json', data: vDeath },
  { file: 'vocabulary/deploy.json', data: vDeploy },
  { file: 'vocabulary/duration.json', data: vDuration },
  { file: 'vocabulary/failure-word.json', data: vFailureWord },
  { file: 'vocabulary/forced-stop.json', data: vForcedStop },
  { file: 'vocabulary/health-fail.json', data: vHealthFail },
  { file: 'vocabulary/kill.json', data: vKill },
  { file: 'vocabulary/oom-killer.json', data: vOomKiller },
  { file: 'vocabulary/op-end.json', data: vOpEnd },
  { file: 'vocabulary/op-failed.json', data: vOpFailed },
  { file: 'vocabulary/op-noun.json', data: vOpNoun },
  { file: 'vocabulary/op-start.json', data: vOpStart },
  { file: 'vocabulary/request-status.json', data: vRequestStatus },
  { file: 'vocabulary/recovered.json', data: vRecovered },
  { file: 'vocabulary/restart-counter.json', data: vRestartCounter },
  { file: 'vocabulary/restart.json', data: vRestart },
  { file: 'vocabulary/retry.json', data: vRetry },
  { file: 'vocabulary/routine-error.json', data: vRoutineError },
  { file: 'vocabulary/start.json', data: vStart },
  { file: 'vocabulary/shutdown.json', data: vShutdown },
  { file: 'vocabulary/signal.json', data: vSignal },
  { file: 'vocabulary/stall.json', data: vStall },
  { file: 'vocabulary/timeout.json', data: vTimeout },
  { file: 'vocabulary/trouble.json', data: vTrouble },
];

/**
 * In the order they are tried: a line goes to the first signature that matches
 * it, so the files naming one product's own messages (a RabbitMQ alarm, an
 * Elasticsearch watermark, php-fpm's max_children) come before the generic
 * one, whose broad words ("connection refused", "timed out") such lines often
 * quote. The catalogue-*.json files were written from reference catalogues
 * of failure messages (errno texts, signals, runtimes, database servers,
 * Kubernetes, the kernel, TLS/DNS/HTTP/cloud APIs, platforms, servers,
 * deployment tools, message brokers) rather than from cases:
 * Kubernetes' and Docker's go before services.json (a pull rate limit is not a
 * start-up error), the rest after signatures.json, so they name what the
 * older files missed without taking lines those already name.
 */
export const SIGNATURE_FILES: readonly KnowledgeFile[] = [
  { file: 'signatures/storage.json', data: sStorage },
  { file: 'signatures/saturation.json', data: sSaturation },
  { file: 'signatures/catalogue-k8s.json', data: sCatalogueK8s },
  { file: 'signatures/services.json', data: sServices },
  { file: 'signatures/signatures.json', data: sSignatures },
  { file: 'signatures/catalogue-errno.json', data: sCatalogueErrno },
  { file: 'signatures/catalogue-signals.json', data: sCatalogueSignals },
  { file: 'signatures/catalogue-runtime.json', data: sCatalogueRuntime },
  { file: 'signatures/catalogue-db.json', data: sCatalogueDb },
  { file: 'signatures/catalogue-kernel.json', data: sCatalogueKernel },
  { file: 'signatures/catalogue-network.json', data: sCatalogueNetwork },
  { file: 'signatures/catalogue-platform.json', data: sCataloguePlatform },
  { file: 'signatures/catalogue-servers.json', data: sCatalogueServers },
  { file: 'signatures/catalogue-tools.json', data: sCatalogueTools },
  { file: 'signatures/catalogue-brokers.json', data: sCatalogueBrokers },
  { file: 'signatures/generic.json', data: sGeneric },
];

/** Words that point at a family in a failure line no signature knows (load-cues.ts). */
export const CUE_FILE: KnowledgeFile = { file: 'cues/family-cues.json', data: cFamilyCues };
