import { analyze, book, findingsOf, projectSheet, type IndicatorSpec } from '../helpers/testbed';

const one = (i: Partial<IndicatorSpec>) =>
  analyze(book(projectSheet({ indicators: [{ l2: '质量指标', l3: '质量', target: '规范', actual: '基本完成', weight: 10, score: 7, ...i }] })));

describe('qualitative-band', () => {
  it('fires on the score cell when the stated score is outside the band, instead of score-mismatch', () => {
    const r = one({ score: 9 });
    expect(findingsOf(r, 'qualitative-band')).toEqual([
      {
        rule: 'qualitative-band',
        severity: 'warning',
        cell: 'H4',
        message: '第 4 行「质量」实际完成值「基本完成」属「部分达成」档，得分应在 6 至 8 之间（不含 8），表中为 9，已按该档默认分 7 计',
      },
    ]);
    expect(findingsOf(r, 'score-mismatch')).toEqual([]);
  });

  it('stays quiet on a stated score inside the band', () => {
    expect(findingsOf(one({ score: 7.5 }), 'qualitative-band')).toEqual([]);
    expect(findingsOf(one({ actual: '全面完成', score: 8 }), 'qualitative-band')).toEqual([]);
  });
});

describe('qualitative-unclassified', () => {
  it('is info on an actual that fits no band, keeping the typed score', () => {
    expect(findingsOf(one({ actual: '宣传国家政策', score: 10 }), 'qualitative-unclassified')).toEqual([
      {
        rule: 'qualitative-unclassified',
        severity: 'info',
        cell: 'F4',
        message: '第 4 行「质量」实际完成值「宣传国家政策」无法判定为达成、部分达成或未达成，保留表中得分 10，请人工核对',
      },
    ]);
    expect(findingsOf(one({ actual: '宣传国家政策', score: null }), 'qualitative-unclassified').map((f) => f.message)).toEqual([
      '第 4 行「质量」实际完成值「宣传国家政策」无法判定为达成、部分达成或未达成，得分未计算，请人工核对',
    ]);
  });

  it('stays quiet on a classified actual and on an empty one', () => {
    expect(findingsOf(one({ actual: '规范', score: 10 }), 'qualitative-unclassified')).toEqual([]);
    expect(findingsOf(one({ actual: null }), 'qualitative-unclassified')).toEqual([]);
  });
});
