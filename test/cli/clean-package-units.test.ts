/**
 * The pieces of clean-up through the package, on hand-written inputs: references in
 * formulas and areas after row deletion, what cannot be followed (INDIRECT, OFFSET), shared
 * formula translation, note shapes under any VML prefix, defined names and `app.xml` after
 * a sheet goes.
 */
import { breaks, opaqueRefs, shiftFormula, translateFormula } from '../../src/cli/package/formula';
import { patchAppProps, patchWorkbookPart } from '../../src/cli/package/workbook';
import { patchComments, patchDrawing, patchVml } from '../../src/cli/package/parts';
import { shiftArea, shiftSqref } from '../../src/cli/package/refs';

const del = (sheet: string, rows: number[]) => new Map([[sheet.toLowerCase(), rows]]);

describe('shiftFormula: references follow deleted rows as Excel moves them', () => {
  const d = del('劳模服务', [16, 17, 20]);
  it.each([
    ['SUM(H12:H18)+H5', 'SUM(H12:H16)+H5'],
    ['SUM(劳模服务!H12:H22)+劳模服务!H25', 'SUM(劳模服务!H12:H19)+劳模服务!H22'],
    ["'劳模服务'!$H$21*2", "'劳模服务'!$H$18*2"],
    ['$A$1:$I$23', '$A$1:$I$20'],
    ["'劳模服务'!$18:$22", "'劳模服务'!$16:$19"],
    ['A:A+1', 'A:A+1'],
    ['H16', '#REF!'],
    ['SUM(H16:H17)', 'SUM(#REF!)'],
    ['SUM( H12 : H18 )', 'SUM( H12 : H16 )'],
    ['"H21"&H21', '"H21"&H18'],
    ['INDIRECT("劳模服务!H25")', 'INDIRECT("劳模服务!H25")'],
    ['Sheet2!H21+[1]劳模服务!H21+劳模服务:Sheet9!H21', 'Sheet2!H21+[1]劳模服务!H21+劳模服务:Sheet9!H21'],
    ['Table1[[#This Row],[金额]]+H21', 'Table1[[#This Row],[金额]]+H18'],
  ])('%s → %s', (f, want) => {
    expect(shiftFormula(f, '劳模服务', d)).toBe(want);
  });

  it('qualifies by sheet: another sheet’s deletions leave own references alone', () => {
    expect(shiftFormula('H21+劳模服务!H21', '汇总', d)).toBe('H21+劳模服务!H18');
    expect(shiftFormula("'It''s'!A5", 'x', del("It's", [1]))).toBe("'It''s'!A4");
  });

  it('anchors the relative rows of a rule to its area’s top-left cell', () => {
    // A rule on H12:H30, after row 12 goes: its area starts at old row 13, now row 12.
    expect(shiftFormula('$H12>$G12', 'S', del('S', [12]), { from: 12, to: 12 })).toBe('$H12>$G12');
    expect(shiftFormula('H12>$G$40', 'S', del('S', [20]), { from: 12, to: 12 })).toBe('H12>$G$39');
    expect(shiftFormula('H14>0', 'S', del('S', [5]), { from: 12, to: 11 })).toBe('H13>0');
  });
});

describe('opaque references', () => {
  it('INDIRECT with a literal reference reaches its row; computed text reaches everything', () => {
    const [lit] = opaqueRefs('INDIRECT("劳模服务!H25")', '汇总');
    expect([lit.sheet, lit.firstRow, lit.lastRow]).toEqual(['劳模服务', 1, 25]);
    expect(breaks(lit, '劳模服务', [13])).toBe(true);
    expect(breaks(lit, '劳模服务', [26])).toBe(false);
    expect(breaks(lit, '双联工作', [13])).toBe(false);
    const [computed] = opaqueRefs('INDIRECT(A1&"!H3")', '汇总');
    expect(computed.sheet).toBeNull();
    expect(breaks(computed, '任何表', [500])).toBe(true);
    const [r1c1] = opaqueRefs('INDIRECT("R1C1",FALSE)', 'S');
    expect(r1c1.sheet).toBeNull();
  });

  it('OFFSET breaks only when a deleted row lies between its base and its reach', () => {
    const [o] = opaqueRefs('OFFSET(H10,3,0)', 'S');
    expect(breaks(o, 'S', [11])).toBe(true);
    expect(breaks(o, 'S', [20])).toBe(false);
    expect(breaks(o, 'S', [5])).toBe(false);
    expect(breaks(opaqueRefs('OFFSET(H10,0,0)', 'S')[0], 'S', [10, 11])).toBe(false);
    expect(breaks(opaqueRefs('OFFSET(H10,A1,0)', 'S')[0], 'S', [30])).toBe(true);
    expect(breaks(opaqueRefs('OFFSET(Other!H10,3,0)', 'S')[0], 'S', [11])).toBe(false);
  });
});

describe('shared formulas and areas', () => {
  it('translates a master formula to another cell of its range (relative parts move)', () => {
    expect(translateFormula('G12*2+SUM($A$1:A12)', { row: 12, col: 8 }, { row: 14, col: 9 })).toBe('H14*2+SUM($A$1:B14)');
  });

  it('shifts areas and area lists; a wholly deleted area goes', () => {
    expect(shiftArea('F14:F16', [13, 17])).toBe('F13:F15');
    expect(shiftArea('$A$4:$I$26', [13])).toBe('$A$4:$I$25');
    expect(shiftArea('B20', [20])).toBeNull();
    expect(shiftArea('A:A', [3])).toBe('A:A');
    expect(shiftArea('5:9', [3, 6])).toBe('4:7');
    expect(shiftSqref('F9:F12 F14:F16 F21 F25', [13, 17, 18, 19, 20, 22, 23, 24])).toBe('F9:F12 F13:F15 F16 F17');
    expect(shiftSqref('C13 C17', [13, 17])).toBe('');
  });
});

describe('notes, drawings, names and titles', () => {
  it('removes a note and its shape under any VML prefix, and moves the others', () => {
    const vml =
      '<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shapetype id="t"/>' +
      '<ns0:shape id="a"><ns2:ClientData ObjectType="Note"><ns2:Anchor>1, 15, 19, 2, 3, 15, 23, 4</ns2:Anchor><ns2:Row>20</ns2:Row><ns2:Column>1</ns2:Column></ns2:ClientData></ns0:shape>' +
      '<v:shape id="b"><x:ClientData ObjectType="Note"><x:Row>1</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>';
    const out = patchVml(vml, new Set(['B2']), [13, 14]);
    expect(out.left).toBe(1);
    expect(out.xml).toBe(
      '<xml xmlns:v="urn:schemas-microsoft-com:vml"><v:shapetype id="t"/>' +
        '<ns0:shape id="a"><ns2:ClientData ObjectType="Note"><ns2:Anchor>1, 15, 17, 2, 3, 15, 21, 4</ns2:Anchor><ns2:Row>18</ns2:Row><ns2:Column>1</ns2:Column></ns2:ClientData></ns0:shape>' +
        '</xml>',
    );
    const comments = '<comments><authors><author>a</author></authors><commentList><comment ref="B2" authorId="0"><text><t>x</t></text></comment><comment ref="B21" authorId="0"><text><t>y</t></text></comment></commentList></comments>';
    expect(patchComments(comments, new Set(['B2']), [13, 14])).toEqual({
      xml: '<comments><authors><author>a</author></authors><commentList><comment ref="B19" authorId="0"><text><t>y</t></text></comment></commentList></comments>',
      left: 1,
    });
  });

  it('moves drawing anchors; an edge on a deleted row moves to the next row that stays; absolute anchors stay', () => {
    const anchor = (from: number, to: number, editAs = '') =>
      `<xdr:twoCellAnchor${editAs}><xdr:from><xdr:col>1</xdr:col><xdr:row>${from}</xdr:row></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:row>${to}</xdr:row></xdr:to></xdr:twoCellAnchor>`;
    const wsDr = (x: string) => `<xdr:wsDr xmlns:xdr="urn:x">${x}</xdr:wsDr>`;
    expect(patchDrawing(wsDr(anchor(12, 20) + anchor(12, 20, ' editAs="absolute"')), [13, 14])).toBe(wsDr(anchor(12, 18) + anchor(12, 20, ' editAs="absolute"')));
  });

  it('drops the names scoped to a deleted sheet, renumbers later scopes, shifts the rest', () => {
    const wb =
      '<workbook><bookViews><workbookView activeTab="2" firstSheet="0"/></bookViews><sheets><sheet name="A" sheetId="1" r:id="r1"/><sheet name="空白" sheetId="2" r:id="r2"/><sheet name="C" sheetId="3" r:id="r3"/></sheets>' +
      '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">&apos;空白&apos;!$A$1:$I$9</definedName><definedName name="_xlnm.Print_Area" localSheetId="2">&apos;C&apos;!$A$1:$I$30</definedName><definedName name="总分">A!$H$30</definedName></definedNames><calcPr calcId="1"/></workbook>';
    expect(patchWorkbookPart(wb, { deletions: new Map([['c', [5, 6]], ['a', [2]]]), removeSheets: new Set(['空白']) })).toBe(
      '<workbook><bookViews><workbookView activeTab="1" firstSheet="0"/></bookViews><sheets><sheet name="A" sheetId="1" r:id="r1"/><sheet name="C" sheetId="3" r:id="r3"/></sheets>' +
        '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="1">&apos;C&apos;!$A$1:$I$28</definedName><definedName name="总分">A!$H$29</definedName></definedNames><calcPr calcId="1"/></workbook>',
    );
  });

  it('takes a deleted sheet and its scoped names out of app.xml titles', () => {
    const app = (pairs: string, size: number, titles: string[]) =>
      `<Properties><HeadingPairs><vt:vector size="4" baseType="variant">${pairs}</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="${size}" baseType="lpstr">${titles.map((t) => `<vt:lpstr>${t}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts></Properties>`;
    const pairs = (a: number, b: number) => `<vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>${a}</vt:i4></vt:variant><vt:variant><vt:lpstr>命名范围</vt:lpstr></vt:variant><vt:variant><vt:i4>${b}</vt:i4></vt:variant>`;
    expect(patchAppProps(app(pairs(3, 2), 5, ['A', '空白', 'C', '空白!Print_Titles', 'C!Print_Area']), new Set(['空白']))).toBe(app(pairs(2, 1), 3, ['A', 'C', 'C!Print_Area']));
  });
});
