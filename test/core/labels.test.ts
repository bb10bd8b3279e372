import { ENGINE_FINDING_IDS, KIND_LABEL, RULES, RULE_NAMES, ruleName } from '../../src/core';

describe('core labels', () => {
  it('every rule has a Chinese name, and every name belongs to a rule', () => {
    const ids = [...RULES.map((r) => r.id), ...ENGINE_FINDING_IDS].sort();
    expect(Object.keys(RULE_NAMES).sort()).toEqual(ids);
    for (const id of ids) expect(RULE_NAMES[id]).toMatch(/[\u4e00-\u9fff]/);
  });
  it('names are distinct, so a reviewer can tell two problems apart', () => {
    const names = Object.values(RULE_NAMES);
    expect(new Set(names).size).toBe(names.length);
  });
  it('an unknown id shows as itself', () => {
    expect(ruleName('total-mismatch')).toBe('总分不符');
    expect(ruleName('some-new-rule')).toBe('some-new-rule');
  });
  it('names every table kind', () => {
    expect(Object.keys(KIND_LABEL).sort()).toEqual(['basic-data', 'department', 'evaluation', 'project', 'target']);
  });
});
