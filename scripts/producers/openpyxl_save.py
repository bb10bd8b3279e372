"""Save an .xlsx through openpyxl, as a user's Python script would.

usage: openpyxl_save.py SRC DST [--chart] [--comment] [--validation] [--cf] [--names]
                                [--print] [--freeze]

--chart adds a bar chart on the first sheet and --comment a reviewer's comment on its A1;
--validation adds list validations (one reading the sheet 参数 when the workbook has it),
--cf conditional formats on the score column, --names defined names, --print print titles
and areas on every sheet, --freeze a frozen header on every sheet. None changes a cell
value. Run with Debian's /usr/bin/python3 (python3-openpyxl 3.0).
"""
import sys

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

FLAGS = {"--chart", "--comment", "--validation", "--cf", "--names", "--print", "--freeze"}


def table_sheets(wb):
    return [ws for ws in wb.worksheets if ws.title != "参数"]


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    unknown = flags - FLAGS
    if len(args) != 2 or unknown:
        sys.stderr.write(__doc__)
        return 2
    src, dst = args
    wb = openpyxl.load_workbook(src)
    ws = wb.worksheets[0]
    if "--comment" in flags:
        ws["A1"].comment = Comment("审核意见：请核对本表数据", "审核人")
    if "--chart" in flags:
        chart = BarChart()
        chart.title = "预算执行"
        chart.add_data(Reference(ws, min_col=3, max_col=5, min_row=4, max_row=6), titles_from_data=False)
        ws.add_chart(chart, "K2")
    if "--validation" in flags:
        for sheet in table_sheets(wb)[1:3]:
            source = "参数!$A$1:$A$3" if "参数" in wb.sheetnames else '"已完成,部分完成,未完成"'
            listed = DataValidation(type="list", formula1=source, allow_blank=True)
            listed.add("F11:F%d" % sheet.max_row)
            whole = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
            whole.add("G11:H%d" % sheet.max_row)
            sheet.add_data_validation(listed)
            sheet.add_data_validation(whole)
    if "--cf" in flags:
        red = PatternFill(start_color="FFFFC7CE", end_color="FFFFC7CE", fill_type="solid")
        for sheet in table_sheets(wb)[1:3]:
            area = "H11:H%d" % sheet.max_row
            sheet.conditional_formatting.add(area, CellIsRule(operator="lessThan", formula=["0"], fill=red))
            sheet.conditional_formatting.add(area, FormulaRule(formula=["$H11>$G11"], fill=red))
    if "--names" in flags:
        sheet = table_sheets(wb)[1]
        quoted = "'%s'" % sheet.title
        wb.defined_names.append(DefinedName("总分", attr_text="%s!$H$%d" % (quoted, sheet.max_row)))
        wb.defined_names.append(DefinedName("得分区", attr_text="%s!$H$11:$H$%d" % (quoted, sheet.max_row - 1)))
    if "--print" in flags:
        for sheet in table_sheets(wb):
            sheet.print_title_rows = "4:6"
            sheet.print_area = "A1:I%d" % sheet.max_row
    if "--freeze" in flags:
        for sheet in table_sheets(wb):
            sheet.freeze_panes = "A7"
    wb.save(dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
