/**
 * The fake WPS host behaves as the WPS 加载项 / ET API documentation (and the VBA object model
 * it follows) says: each test names the behaviour src/wps relies on (src/wps/README.md).
 */
import { FakeBook, FakeSheet, FakeWpsError, XL_NONE, createFakeWps, type FakeWps } from '../fake-wps';

function small(): FakeWps {
  const book = new FakeBook('t.xlsx');
  const s = new FakeSheet('表1');
  s.set(1, 1, { v: '项目名称' });
  s.set(2, 2, { v: 0.5667, nf: '0.00%' });
  s.set(3, 1, { v: '产出指标' });
  s.set(2, 3, { v: 2, f: '=1+1' });
  s.set(4, 4, { v: 45291, nf: 'yyyy"年"m"月"d"日"' });
  s.set(5, 5, { v: '#DIV/0!', error: true, f: '=1/0' });
  s.set(1, 3, { v: '', fill: 0xcec7ff });
  s.merges.push({ top: 3, left: 1, bottom: 6, right: 1 });
  s.setComment(2, 2, '旧批注');
  book.sheets.push(s, new FakeSheet('表2'));
  return createFakeWps(book);
}

const app = (f: FakeWps): any => f.Application; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('collections', () => {
  test('Count and a 1-based Item, by index or name; not callable', () => {
    const f = small();
    const sheets = app(f).ActiveWorkbook.Worksheets;
    expect(sheets.Count).toBe(2);
    expect(sheets.Item(1).Name).toBe('表1');
    expect(sheets.Item('表2').Index).toBe(2);
    expect(() => sheets.Item(0)).toThrow(FakeWpsError);
    expect(() => sheets.Item(3)).toThrow(FakeWpsError);
    expect(typeof sheets).toBe('object');
  });

  test('a misspelt property reads undefined', () => {
    expect(app(small()).ActiveWorkbook.Worksheets.Item(1).Nmae).toBeUndefined();
  });
});

describe('Range values', () => {
  test('Value2: a scalar for one cell (undefined when empty), a 0-based array of rows for several', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets.Item(1);
    expect(ws.Range('A1').Value2).toBe('项目名称');
    expect(ws.Range('A2').Value2).toBeUndefined();
    const v = ws.Range('A1:C2').Value2;
    expect(Array.isArray(v)).toBe(true);
    expect(v[0][0]).toBe('项目名称');
    expect(v[1][1]).toBe(0.5667);
    expect(v[1][2]).toBe(2);
    expect(ws.Range('D4').Value2).toBe(45291); // a date is its serial number
  });

  test('merged cells: only the top-left holds the value; MergeArea of any cell is the whole area', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets.Item(1);
    expect(ws.Range('A3').Value2).toBe('产出指标');
    expect(ws.Range('A4').Value2).toBeUndefined();
    expect(ws.Range('A5').MergeArea.Address()).toBe('$A$3:$A$6');
    expect(ws.Range('B5').MergeArea.Address()).toBe('$B$5');
    expect(ws.Range('A3:A6').MergeCells).toBe(true);
    expect(ws.Range('A2:A3').MergeCells).toBeNull();
    expect(ws.Range('B3:C6').MergeCells).toBe(false);
  });

  test('Value is a method: Value() reads, Value(null, x) writes', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets.Item(1);
    expect(ws.Range('A1').Value()).toBe('项目名称');
    ws.Range('F1').Value(null, 'x');
    expect(ws.Range('F1').Value2).toBe('x');
  });

  test('Formula: the formula, a constant as its text, empty as ""', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets.Item(1);
    expect(ws.Range('C2').Formula).toBe('=1+1');
    expect(ws.Range('B2').Formula).toBe('0.5667');
    expect(ws.Range('A2').Formula).toBe('');
    expect(ws.Range('B2:C2').Formula).toEqual([['0.5667', '=1+1']]);
  });

  test('NumberFormat, Interior: null over cells that differ; colours are BGR; no fill is xlNone', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets.Item(1);
    expect(ws.Range('B2').NumberFormat).toBe('0.00%');
    expect(ws.Range('A1').NumberFormat).toBe('General');
    expect(ws.Range('A1:B2').NumberFormat).toBeNull();
    expect(ws.Range('C1').Interior.Color).toBe(0xcec7ff);
    expect(ws.Range('C1').Interior.Pattern).toBe(1);
    expect(ws.Range('A1').Interior.Pattern).toBe(XL_NONE);
    expect(ws.Range('A1:C1').Interior.Color).toBeNull();
    ws.Range('A1').Interior.Color = 0x0000ff; // red in BGR
    expect(ws.Range('A1').Interior.Color).toBe(0x0000ff);
    ws.Range('A1').Interior.Pattern = XL_NONE;
    expect(ws.Range('A1').Interior.Pattern).toBe(XL_NONE);
  });

  test('assigning text parses it as typing would; an apostrophe keeps it text', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets.Item(1);
    ws.Range('G1').Value2 = '6';
    expect(ws.Range('G1').Value2).toBe(6);
    ws.Range('G2').Value2 = '56.67%';
    expect(ws.Range('G2').Value2).toBeCloseTo(0.5667, 10);
    expect(ws.Range('G2').NumberFormat).toBe('0.00%');
    ws.Range('G3').Value2 = "'6";
    expect(ws.Range('G3').Value2).toBe('6');
    ws.Range('G4').Value2 = '=2*3';
    expect(ws.Range('G4').Formula).toBe('=2*3');
  });

  test('comments: Comment is null without one, Text() a method, AddComment fails on a commented cell', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets.Item(1);
    expect(ws.Range('A1').Comment).toBeNull();
    expect(ws.Range('B2').Comment.Text()).toBe('旧批注');
    expect(() => ws.Range('B2').AddComment('x')).toThrow(FakeWpsError);
    ws.Range('A1').AddComment('新');
    expect(ws.Comments.Count).toBe(2);
    expect(ws.Comments.Item(1).Parent.Address()).toBe('$A$1');
    ws.Range('A1').Comment.Delete();
    expect(ws.Range('A1').Comment).toBeNull();
  });
});

describe('sheets', () => {
  test('Visible -1/0/2; the last visible sheet cannot be hidden', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets;
    ws.Item(2).Visible = 2;
    expect(ws.Item(2).Visible).toBe(2);
    expect(() => (ws.Item(1).Visible = 0)).toThrow(FakeWpsError);
  });

  test('Copy returns nothing, names the copy "名称 (2)" and activates it; Delete needs DisplayAlerts off', () => {
    const f = small();
    const a = app(f);
    const sheets = a.ActiveWorkbook.Worksheets;
    expect(sheets.Item(1).Copy(undefined, sheets.Item(2))).toBeUndefined();
    expect(sheets.Item(3).Name).toBe('表1 (2)');
    expect(a.ActiveSheet.Name).toBe('表1 (2)');
    expect(sheets.Item(3).Range('A3').MergeArea.Address()).toBe('$A$3:$A$6');
    expect(() => sheets.Item(3).Delete()).toThrow(/DisplayAlerts/);
    a.DisplayAlerts = false;
    sheets.Item(3).Delete();
    expect(sheets.Count).toBe(2);
  });

  test('deleting a row shifts cells, merges and comments up', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets.Item(1);
    ws.Range('4:4').Delete(-4162);
    expect(ws.Range('A3').MergeArea.Address()).toBe('$A$3:$A$5');
    expect(ws.Range('D4').Value2).toBeUndefined();
    expect(ws.Range('E4').Formula).toBe('=1/0');
  });

  test('protection: writes to a protected sheet throw', () => {
    const f = small();
    f.book.sheets[0].protectContents = true;
    const ws = app(f).ActiveWorkbook.Worksheets.Item(1);
    expect(ws.ProtectContents).toBe(true);
    expect(() => (ws.Range('A1').Value2 = 'x')).toThrow(/受保护/);
    expect(() => (ws.Range('A1').NumberFormat = '0')).toThrow(/受保护/);
    expect(() => ws.Range('A1').AddComment('x')).toThrow(/受保护/);
  });

  test('while a cell is edited, Application.Ready is false and writes throw', () => {
    const f = small();
    f.setCellEditMode(true);
    expect(app(f).Ready).toBe(false);
    expect(() => (app(f).ActiveWorkbook.Worksheets.Item(1).Range('A1').Value2 = 'x')).toThrow(/编辑/);
  });
});

describe('host objects', () => {
  test('PluginStorage is shared by the add-in’s pages; SheetChange reaches listeners for every change', () => {
    const f = small();
    const a = app(f);
    a.PluginStorage.setItem('k', 1);
    expect(app(f).PluginStorage.getItem('k')).toBe('1');
    expect(a.PluginStorage.getItem('none')).toBeNull();
    const seen: string[] = [];
    a.ApiEvent.AddApiEventListener('SheetChange', (ws: { Name: string }, r: { Address(): string }) => seen.push(`${ws.Name}!${r.Address()}`));
    a.ActiveWorkbook.Worksheets.Item(1).Range('B1').Value2 = 1;
    f.userEdit('表1', 'C3', 'x');
    expect(seen).toEqual(['表1!$B$1', '表1!$C$3']);
  });

  test('Worksheet.Range takes an A1 reference, a whole row (`5:5`) or an area; anything else fails with 1004', () => {
    const ws = app(small()).ActiveWorkbook.Worksheets.Item(1);
    expect(ws.Range('5:5').Address()).toBe('$A$5:$XFD$5');
    expect(ws.Range('$A$3:$A$6').MergeCells).toBe(true);
    for (const bad of ['', 'A0', 'R1C1', 'A1:', 'XFE1', 'A1048577', '0:0']) expect(() => ws.Range(bad)).toThrow(expect.objectContaining({ number: 1004 }));
  });

  test('RemoveApiEventListener stops that listener only', () => {
    const f = small();
    const a = app(f);
    const one: string[] = [];
    const two: string[] = [];
    const first = (ws: { Name: string }) => one.push(ws.Name);
    a.ApiEvent.AddApiEventListener('SheetChange', first);
    a.ApiEvent.AddApiEventListener('SheetChange', (ws: { Name: string }) => two.push(ws.Name));
    f.userEdit('表1', 'C3', 'x');
    a.ApiEvent.RemoveApiEventListener('SheetChange', first);
    f.userEdit('表1', 'C4', 'y');
    expect([one, two]).toEqual([['表1'], ['表1', '表1']]);
  });

  test('CreateTaskPane gives a pane with an ID, found again by GetTaskPane', () => {
    const a = app(small());
    const p = a.CreateTaskPane('taskpane.html');
    p.Visible = true;
    expect(a.GetTaskPane(p.ID).Visible).toBe(true);
  });
});
