import { z } from 'zod';
import { STAGES, type Stage } from '../knowledge.types';
import type { ProblemList } from '../loading/problem.list';
import { mustBe, nonEmptyText } from '../loading/script.schema';
import { listOf, mapOf, positiveInt } from './rule-fields.schema';
import { lineHint, parseRuleFile } from './rule-file.reader';
import type { HandoffPriority, HandoffRouting, HandoffSkill } from './rules.types';

export const HANDOFF_ROUTING_FILE = 'handoff/routing.yaml';

/** Skill keys and handoff reasons: lower-case letters, digits and underscores, starting with a letter. */
const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
const key = z.string(mustBe('a string')).regex(KEY_PATTERN, 'must be a lower-case key like "claims"');

const routingSchema = mapOf(
  {
    version: positiveInt,
    description: nonEmptyText,
    skills: listOf(mapOf({ key, title: nonEmptyText }), 'skills'),
    defaultSkill: key,
    stageSkills: mapOf(
      Object.fromEntries(STAGES.map((stage) => [stage, key])) as Record<Stage, typeof key>,
      `a YAML map of every stage (${STAGES.join('|')}) to a skill`,
    ),
    reasonSkills: z.record(z.string(), key, mustBe('a YAML map of handoff reason to skill')),
    priorities: z.array(
      mapOf({ level: positiveInt, title: nonEmptyText, reasons: listOf(key, 'handoff reasons') }),
      mustBe('a list of priorities'),
    ),
    overflowToAnySkill: z.boolean(mustBe('true or false')),
  },
  'a YAML map with version, description, skills, defaultSkill, stageSkills, reasonSkills, priorities and overflowToAnySkill',
);

class RoutingTable implements HandoffRouting {
  private readonly titles: ReadonlyMap<string, string>;
  private readonly levels: ReadonlyMap<string, number>;

  constructor(
    readonly version: number,
    readonly skills: readonly HandoffSkill[],
    readonly defaultSkill: string,
    readonly stageSkills: Readonly<Record<Stage, string>>,
    readonly reasonSkills: Readonly<Record<string, string>>,
    readonly priorities: readonly HandoffPriority[],
    readonly overflowToAnySkill: boolean,
  ) {
    this.titles = new Map(skills.map((skill) => [skill.key, skill.title]));
    this.levels = new Map(priorities.flatMap((p) => p.reasons.map((reason) => [reason, p.level] as const)));
  }

  skillOf(reason: string, stage: Stage | null): string {
    if (Object.hasOwn(this.reasonSkills, reason)) return this.reasonSkills[reason];
    return stage === null ? this.defaultSkill : (this.stageSkills[stage] ?? this.defaultSkill);
  }

  priorityOf(reasons: readonly string[]): number {
    return reasons.reduce((level, reason) => Math.max(level, this.levels.get(reason) ?? 0), 0);
  }

  skillTitle(key: string): string {
    return this.titles.get(key) ?? key;
  }

  hasSkill(key: string): boolean {
    return this.titles.has(key);
  }
}

/**
 * Parses handoff/routing.yaml; undefined (with problems recorded) when invalid. Skill keys are unique;
 * defaultSkill, every stageSkills and reasonSkills value name a declared skill; reason keys are lower-case
 * keys; priority levels are distinct integers ≥ 1 and a reason is in at most one priority.
 */
export function parseHandoffRouting(text: string, problems: ProblemList): HandoffRouting | undefined {
  const file = parseRuleFile(HANDOFF_ROUTING_FILE, text, routingSchema, problems);
  if (!file) return undefined;
  const { data, yaml, report } = file;
  const before = problems.count;

  const skillIndex = new Map<string, number>();
  data.skills.forEach((skill, i) => {
    const first = skillIndex.get(skill.key);
    if (first !== undefined)
      report(
        ['skills', i, 'key'],
        `"${skill.key}" is already used by skills[${first}]${lineHint(yaml, ['skills', first])}`,
      );
    else skillIndex.set(skill.key, i);
  });
  const declared = [...skillIndex.keys()].join(', ');
  const checkSkill = (path: readonly PropertyKey[], skill: string): void => {
    if (!skillIndex.has(skill)) report(path, `unknown skill "${skill}" (declared: ${declared})`);
  };
  checkSkill(['defaultSkill'], data.defaultSkill);
  for (const stage of STAGES) checkSkill(['stageSkills', stage], data.stageSkills[stage]);
  for (const [reason, skill] of Object.entries(data.reasonSkills)) {
    if (!KEY_PATTERN.test(reason))
      report(['reasonSkills', reason], 'handoff reason must be a lower-case key like "complaint"');
    checkSkill(['reasonSkills', reason], skill);
  }

  const levelIndex = new Map<number, number>();
  const reasonIndex = new Map<string, number>();
  data.priorities.forEach((priority, i) => {
    const first = levelIndex.get(priority.level);
    if (first !== undefined)
      report(
        ['priorities', i, 'level'],
        `level ${priority.level} is already used by priorities[${first}]${lineHint(yaml, ['priorities', first])}`,
      );
    else levelIndex.set(priority.level, i);
    priority.reasons.forEach((reason, j) => {
      const owner = reasonIndex.get(reason);
      if (owner !== undefined && owner !== i)
        report(
          ['priorities', i, 'reasons', j],
          `"${reason}" is already in priorities[${owner}]${lineHint(yaml, ['priorities', owner])}`,
        );
      else reasonIndex.set(reason, i);
    });
  });

  if (problems.count > before) return undefined;
  return new RoutingTable(
    data.version,
    data.skills,
    data.defaultSkill,
    data.stageSkills,
    data.reasonSkills,
    data.priorities,
    data.overflowToAnySkill,
  );
}
