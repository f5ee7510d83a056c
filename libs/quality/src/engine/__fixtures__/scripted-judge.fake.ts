import { QualityJudge, type JudgeRequest, type JudgeVerdict } from '../quality-judge.port';

type Script = (request: JudgeRequest) => JudgeVerdict | Error;

/** A hand-written QualityJudge: answers each request by rubric from a script, records every request. */
export class ScriptedJudge extends QualityJudge {
  readonly requests: JudgeRequest[] = [];

  constructor(private readonly script: Readonly<Record<string, Script>> = {}) {
    super();
  }

  judge(request: JudgeRequest): Promise<JudgeVerdict> {
    this.requests.push(request);
    const answer = this.script[request.rubric]?.(request) ?? CLEAN;
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }

  rubrics(): string[] {
    return this.requests.map((r) => `${r.mode}:${r.rubric}`);
  }
}

const CLEAN: JudgeVerdict = { violated: false, messageIndex: null, evidence: '', explanation: '' };

export const violated = (
  messageIndex: number | null,
  evidence: string,
  explanation = '语气生硬',
): JudgeVerdict => ({
  violated: true,
  messageIndex,
  evidence,
  explanation,
});

export const notViolated = (): JudgeVerdict => CLEAN;
