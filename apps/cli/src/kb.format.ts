import { type KnowledgeBase, type RetrievalHit, SCRIPTS_SOURCE, type Script, STAGES } from '@anxin/knowledge';

/** `kb validate`: what loaded, per stage and per source. */
export function formatSummary(kb: KnowledgeBase, dir: string): string {
  const approved = kb.scripts.filter((s) => s.source === SCRIPTS_SOURCE);
  const perStage = STAGES.map((stage) => `${stage} ${approved.filter((s) => s.stage === stage).length}`);
  const sources = new Map<string, number>();
  for (const s of kb.scripts)
    if (s.source !== SCRIPTS_SOURCE) sources.set(s.source, (sources.get(s.source) ?? 0) + 1);
  const lines = [
    `knowledge OK: ${dir}`,
    `  scripts: ${approved.length} (${perStage.join(', ')})`,
    `  imported sources: ${sources.size === 0 ? 'none' : [...sources].map(([name, n]) => `${name} ${n}`).join(', ')}`,
    `  standard phrases: version ${kb.phrases.version}`,
  ];
  return lines.join('\n');
}

/** `kb list`: one line per script. */
export function formatList(scripts: readonly Script[]): string {
  if (scripts.length === 0) return '(no scripts)';
  const width = Math.max(...scripts.map((s) => s.id.length));
  return scripts
    .map((s) => `${s.id.padEnd(width)}  v${s.version}  ${s.stage.padEnd(9)}  ${s.title}`)
    .join('\n');
}

/** `kb search`: ranked hits, readable. */
export function formatHits(question: string, hits: readonly RetrievalHit[]): string {
  if (hits.length === 0) return `「${question}」: no script shares a word with it`;
  const lines = hits.map((hit, i) => {
    const { script } = hit;
    const head = `${i + 1}. ${hit.confidence.toFixed(2)}  (score ${hit.score.toFixed(2)})  ${script.id} v${script.version} [${script.stage}]  ${script.title}`;
    return hit.matchedQuestion ? `${head}\n     matched: ${hit.matchedQuestion}` : head;
  });
  return [`「${question}」`, ...lines].join('\n');
}
