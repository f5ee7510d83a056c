import { KnowledgeException } from '../knowledge.exception';

export interface ProblemAt {
  line?: number;
  field?: string;
  message: string;
}

/**
 * Collects every validation problem of one load, so an author fixes them all in one pass.
 * Files are shown as "<knowledge folder name>/<relative path>", e.g. knowledge/scripts/claims/x.md.
 */
export class ProblemList {
  private readonly items: string[] = [];

  constructor(private readonly rootLabel: string) {}

  add(relativePath: string, problem: ProblemAt): void {
    const where = `${this.rootLabel}/${relativePath}${problem.line === undefined ? '' : `:${problem.line}`}`;
    this.items.push(`${where} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`);
  }

  get count(): number {
    return this.items.length;
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw KnowledgeException.invalid(this.items);
  }
}
